package org.switchboard.common.push;

import io.r2dbc.spi.Readable;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@link PushDeviceStore} on {@code push_devices} and {@code push_tokens} of {@code V25__push_devices.sql}. */
public final class PostgresPushDeviceStore implements PushDeviceStore {

    private static final String DEVICE_COLUMNS = "d.id, d.account_id, d.device_id, d.platform, d.app_id, d.node, d.created_at";
    private static final String TOKEN_COLUMNS = "t.device, t.kind, t.token, t.updated_at, t.last_success_at, t.last_error, t.last_error_at";
    private static final int MAX_ERROR = 500;
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final long SUCCESS_RESOLUTION_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** Past this many tokens the memory of written successes starts again (it only saves round trips). */
    private static final int MAX_REMEMBERED_SUCCESSES = 100_000;

    private final DatabaseClient db;
    private final TransactionalOperator transactions;
    /** When this process last wrote each token's success ({@code platform:token} to {@link System#nanoTime}). */
    private final Map<String, Long> successWritten = new ConcurrentHashMap<>();

    public PostgresPushDeviceStore(DatabaseClient db) {
        this.db = db;
        this.transactions = TransactionalOperator.create(new R2dbcTransactionManager(db.getConnectionFactory()));
    }

    @Override
    public Mono<PushDevice> register(long accountId, PushRegistration registration, int maxDevices) {
        // the account row is locked so that two registrations at once cannot both pass the device count
        Mono<PushDevice> work = db.sql("SELECT id FROM accounts WHERE id = :account FOR UPDATE").bind("account", accountId)
                .map(row -> row.get("id", Long.class)).one()
                .then(db.sql("SELECT id, platform, app_id FROM push_devices WHERE account_id = :account AND device_id = :device")
                        .bind("account", accountId).bind("device", registration.deviceId())
                        .map(row -> new Object[] {row.get("id", Long.class), row.get("platform", String.class), row.get("app_id", String.class)})
                        .one()
                        .flatMap(existing -> sameApp(existing, registration) ? Mono.just((Long) existing[0]) : moveApp((Long) existing[0], registration))
                        .switchIfEmpty(Mono.defer(() -> newDevice(accountId, registration, maxDevices))))
                .flatMap(device -> storeToken(device, registration).thenReturn(device))
                .flatMap(device -> device(device));
        return transactions.transactional(work);
    }

    private static boolean sameApp(Object[] existing, PushRegistration registration) {
        return registration.platform().wire().equals(existing[1]) && registration.appId().equals(existing[2]);
    }

    /** The same installation now names another platform or app: its other tokens belong to the old one. */
    private Mono<Long> moveApp(long device, PushRegistration registration) {
        return db.sql("DELETE FROM push_tokens WHERE device = :device").bind("device", device).then()
                .then(db.sql("UPDATE push_devices SET platform = :platform, app_id = :app WHERE id = :device")
                        .bind("platform", registration.platform().wire()).bind("app", registration.appId()).bind("device", device)
                        .then())
                .thenReturn(device);
    }

    private Mono<Long> newDevice(long accountId, PushRegistration registration, int maxDevices) {
        return db.sql("SELECT count(*) AS n FROM push_devices WHERE account_id = :account").bind("account", accountId)
                .map(row -> row.get("n", Long.class)).one()
                .flatMap(count -> count >= maxDevices ? Mono.error(new TooManyDevicesException(maxDevices))
                        : db.sql("INSERT INTO push_devices (account_id, device_id, platform, app_id, node) "
                                        + "VALUES (:account, :device, :platform, :app, :node) RETURNING id")
                                .bind("account", accountId)
                                .bind("device", registration.deviceId())
                                .bind("platform", registration.platform().wire())
                                .bind("app", registration.appId())
                                .bind("node", newNode())
                                .map(row -> row.get("id", Long.class)).one());
    }

    private Mono<Void> storeToken(long device, PushRegistration registration) {
        successWritten.remove(registration.platform().wire() + ':' + registration.token()); // a new row may lack it
        return db.sql("DELETE FROM push_tokens WHERE platform = :platform AND token = :token AND NOT (device = :device AND kind = :kind)")
                .bind("platform", registration.platform().wire()).bind("token", registration.token())
                .bind("device", device).bind("kind", registration.kind().wire())
                .then()
                .then(db.sql("""
                                INSERT INTO push_tokens (device, kind, platform, token) VALUES (:device, :kind, :platform, :token)
                                ON CONFLICT (device, kind) DO UPDATE SET token = EXCLUDED.token, platform = EXCLUDED.platform,
                                    updated_at = now(),
                                    last_error = CASE WHEN push_tokens.token = EXCLUDED.token THEN push_tokens.last_error END,
                                    last_error_at = CASE WHEN push_tokens.token = EXCLUDED.token THEN push_tokens.last_error_at END,
                                    last_success_at = CASE WHEN push_tokens.token = EXCLUDED.token THEN push_tokens.last_success_at END""")
                        .bind("device", device).bind("kind", registration.kind().wire())
                        .bind("platform", registration.platform().wire()).bind("token", registration.token())
                        .then());
    }

    /** 128 random bits, URL-safe: a node names a device to push.<domain> and must not be guessable. */
    private static String newNode() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public Mono<Boolean> unregister(long accountId, String deviceId, PushKind kind) {
        DatabaseClient.GenericExecuteSpec delete = kind == null
                ? db.sql("DELETE FROM push_devices WHERE account_id = :account AND device_id = :device")
                : db.sql("DELETE FROM push_tokens t USING push_devices d WHERE d.id = t.device AND d.account_id = :account "
                        + "AND d.device_id = :device AND t.kind = :kind").bind("kind", kind.wire());
        return delete.bind("account", accountId).bind("device", deviceId).fetch().rowsUpdated().map(n -> n > 0);
    }

    @Override
    public Flux<PushDevice> list(long accountId) {
        return withTokens(db.sql("SELECT " + DEVICE_COLUMNS + " FROM push_devices d WHERE d.account_id = :account ORDER BY d.created_at, d.id")
                .bind("account", accountId).map((Readable row) -> device(row)).all());
    }

    @Override
    public Mono<PushDevice> findByNode(String node) {
        return withTokens(db.sql("SELECT " + DEVICE_COLUMNS + " FROM push_devices d WHERE d.node = :node")
                .bind("node", node).map((Readable row) -> device(row)).all()).next();
    }

    private Mono<PushDevice> device(long id) {
        return withTokens(db.sql("SELECT " + DEVICE_COLUMNS + " FROM push_devices d WHERE d.id = :id")
                .bind("id", id).map((Readable row) -> device(row)).all()).next();
    }

    @Override
    public Flux<PushTarget> targets(long accountId, PushKind kind) {
        return db.sql("SELECT t.platform, t.token, d.app_id FROM push_tokens t JOIN push_devices d ON d.id = t.device "
                        + "WHERE d.account_id = :account AND t.kind = :kind ORDER BY d.id")
                .bind("account", accountId).bind("kind", kind.wire())
                .map(row -> new PushTarget(PushPlatform.fromWire(row.get("platform", String.class)), kind,
                        row.get("token", String.class), row.get("app_id", String.class)))
                .all();
    }

    @Override
    public Mono<Boolean> forget(PushPlatform platform, String token) {
        successWritten.remove(platform.wire() + ':' + token);
        return db.sql("DELETE FROM push_tokens WHERE platform = :platform AND token = :token")
                .bind("platform", platform.wire()).bind("token", token).fetch().rowsUpdated().map(n -> n > 0);
    }

    @Override
    public Mono<Void> recordSuccess(PushPlatform platform, String token) {
        // to the minute: a write (and its WAL flush) per push would cap pushes at what the disk commits a second;
        // and the minute is checked here first, so a burst to one token is one statement, not one round trip each
        String key = platform.wire() + ':' + token;
        long now = System.nanoTime();
        Long written = successWritten.get(key);
        if (written != null && now - written < SUCCESS_RESOLUTION_NANOS) {
            return Mono.empty();
        }
        if (successWritten.size() >= MAX_REMEMBERED_SUCCESSES) {
            successWritten.clear();
        }
        successWritten.put(key, now);
        return db.sql("UPDATE push_tokens SET last_success_at = now() WHERE platform = :platform AND token = :token "
                        + "AND (last_success_at IS NULL OR last_success_at < now() - interval '1 minute')")
                .bind("platform", platform.wire()).bind("token", token).then()
                .doOnError(e -> successWritten.remove(key, now));
    }

    @Override
    public Mono<Void> recordError(PushPlatform platform, String token, String error) {
        String text = error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR) + "…";
        return db.sql("UPDATE push_tokens SET last_error = :error, last_error_at = now() WHERE platform = :platform AND token = :token")
                .bind("error", text).bind("platform", platform.wire()).bind("token", token).then();
    }

    /** Adds the tokens of the given devices with one more query. */
    private Flux<PushDevice> withTokens(Flux<PushDevice> devices) {
        return devices.collectList().flatMapMany(list -> {
            if (list.isEmpty()) {
                return Flux.empty();
            }
            Map<Long, List<PushDevice.Token>> tokens = new LinkedHashMap<>();
            list.forEach(device -> tokens.put(device.id(), new ArrayList<>()));
            return db.sql("SELECT " + TOKEN_COLUMNS + " FROM push_tokens t WHERE t.device = ANY (:ids) ORDER BY t.kind")
                    .bind("ids", tokens.keySet().toArray(Long[]::new))
                    .map(row -> Map.entry(row.get("device", Long.class), token(row)))
                    .all()
                    .doOnNext(entry -> tokens.get(entry.getKey()).add(entry.getValue()))
                    .thenMany(Flux.fromIterable(list).map(device -> new PushDevice(device.id(), device.accountId(), device.deviceId(),
                            device.platform(), device.appId(), device.node(), device.createdAt(), tokens.get(device.id()))));
        });
    }

    private static PushDevice device(Readable row) {
        return new PushDevice(row.get("id", Long.class), row.get("account_id", Long.class), row.get("device_id", String.class),
                PushPlatform.fromWire(row.get("platform", String.class)), row.get("app_id", String.class), row.get("node", String.class),
                instant(row.get("created_at", OffsetDateTime.class)), List.of());
    }

    private static PushDevice.Token token(Readable row) {
        return new PushDevice.Token(PushKind.fromWire(row.get("kind", String.class)), row.get("token", String.class),
                instant(row.get("updated_at", OffsetDateTime.class)), instant(row.get("last_success_at", OffsetDateTime.class)),
                row.get("last_error", String.class), instant(row.get("last_error_at", OffsetDateTime.class)));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
