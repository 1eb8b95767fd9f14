package org.switchboard.api.numbers;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.api.auth.Person;
import org.switchboard.api.problem.ApiException;
import org.switchboard.api.problem.ApiProblem;
import org.switchboard.common.sms.host.HostStore;
import org.switchboard.common.sms.host.Sim;
import org.switchboard.common.sms.host.SimChange;
import reactor.core.publisher.Mono;

/** The caller's numbers (SIMs of their hosts); another person's number answers 404, a host account 403. */
@RestController
@RequestMapping("/api/v1/numbers")
@Tag(name = "numbers", description = "The SIMs of the caller's hosts, as numbers")
class NumbersController {

    static final int MAX_LABEL_LENGTH = 100;

    private final HostStore hosts;

    NumbersController(HostStore hosts) {
        this.hosts = hosts;
    }

    /** @param retentionHours messages of this number older than this many hours are deleted; null keeps them */
    record NumberView(long id, String number, String label, String carrier, UUID hostId, int subscriptionId, Integer retentionHours) {

        static NumberView of(Sim sim) {
            return new NumberView(sim.id(), sim.number(), sim.label(), sim.carrier(), sim.hostId(), sim.subscriptionId(), sim.retentionHours());
        }
    }

    /** Only the fields present change; an explicit null clears one (a class, so absent and null differ). */
    static final class NumberChange {

        @Size(min = 1, max = MAX_LABEL_LENGTH, message = "must be 1 to 100 characters, or null")
        @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
        private String label;
        private boolean labelGiven;
        @Min(value = 1, message = "must be at least 1, or null to keep messages")
        private Integer retentionHours;
        private boolean retentionGiven;

        public String getLabel() {
            return label;
        }

        @JsonProperty("label")
        void setLabel(String label) {
            this.label = label;
            this.labelGiven = true;
        }

        public Integer getRetentionHours() {
            return retentionHours;
        }

        @JsonProperty("retention_hours")
        void setRetentionHours(Integer retentionHours) {
            this.retentionHours = retentionHours;
            this.retentionGiven = true;
        }

        SimChange toChange() {
            return new SimChange(labelGiven, label == null ? null : label.strip(), retentionGiven, retentionHours);
        }
    }

    @GetMapping
    @Operation(summary = "Every SIM of the caller's hosts, as a number")
    Mono<List<NumberView>> list(Person person) {
        return hosts.sims(person.id()).map(NumberView::of).collectList();
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Label a number or set how many hours its messages are kept (null: keep them)")
    Mono<NumberView> change(Person person, @PathVariable String id, @Valid @RequestBody NumberChange body) {
        long simId = simId(id);
        SimChange change = body.toChange();
        if (change.isEmpty()) {
            throw ApiException.invalid("send at least one of label, retention_hours");
        }
        return hosts.changeSim(person.id(), simId, change)
                .switchIfEmpty(Mono.error(NumbersController::notFound))
                .map(NumberView::of);
    }

    /** A malformed id is a number that does not exist. */
    private static long simId(String id) {
        if (id == null || !id.matches("[0-9]{1,18}")) {
            throw notFound();
        }
        return Long.parseLong(id);
    }

    private static ApiException notFound() {
        return new ApiException(ApiProblem.NOT_FOUND, "you have no number with this id");
    }
}
