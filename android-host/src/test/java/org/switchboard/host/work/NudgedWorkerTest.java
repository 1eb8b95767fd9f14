package org.switchboard.host.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.host.radio.TestRadio.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.switchboard.host.work.NudgedWorker.Pause;

class NudgedWorkerTest {

    private static final Duration LONG = Duration.ofHours(1);

    private static NudgedWorker started(AtomicInteger steps, Supplier<Pause> pause) {
        NudgedWorker worker = new NudgedWorker("test-worker", () -> {
            steps.incrementAndGet();
            return pause.get();
        });
        worker.start();
        return worker;
    }

    @Test
    void aNudgeEndsAPauseThatAllowsIt() throws Exception {
        AtomicInteger steps = new AtomicInteger();
        try (NudgedWorker worker = started(steps, () -> Pause.upTo(LONG))) {
            await("the first step", 10, () -> steps.get() == 1);
            worker.nudge();
            await("a step after the nudge", 10, () -> steps.get() == 2);
        }
    }

    @Test
    void aNudgeLeavesAFullPauseAndAWakeEndsIt() throws Exception {
        AtomicInteger steps = new AtomicInteger();
        try (NudgedWorker worker = started(steps, () -> Pause.full(LONG))) {
            await("the first step", 10, () -> steps.get() == 1);
            worker.nudge();
            Thread.sleep(300); // time for a wrong early step to show; none may come
            assertThat(steps.get()).as("a backoff is not cut short by new work").isEqualTo(1);
            worker.wake();
            await("a step after the wake", 10, () -> steps.get() == 2);
        }
    }

    @Test
    void aNudgeDuringAStepEndsTheNextPauseSoNothingIsMissed() throws Exception {
        AtomicInteger steps = new AtomicInteger();
        NudgedWorker[] self = new NudgedWorker[1];
        NudgedWorker worker = new NudgedWorker("test-worker", () -> {
            if (steps.incrementAndGet() == 1) {
                self[0].nudge(); // new work arrives while the step runs
            }
            return Pause.upTo(LONG);
        });
        self[0] = worker;
        try (worker) {
            worker.start();
            await("a second step for the work that came during the first", 10, () -> steps.get() == 2);
        }
    }

    @Test
    void closingStopsAWorkerInAPauseAndItStepsNoMore() throws Exception {
        AtomicInteger steps = new AtomicInteger();
        NudgedWorker worker = started(steps, () -> Pause.full(LONG));
        await("the first step", 10, () -> steps.get() == 1);
        worker.close();
        assertThat(worker.running()).isFalse();
        worker.nudge();
        worker.wake();
        Thread.sleep(100);
        assertThat(steps.get()).isEqualTo(1);
    }
}
