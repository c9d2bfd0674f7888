package io.mpcrm.connector.chaos;

import io.mpcrm.connector.ConnectorApplication;
import io.mpcrm.connector.chaos.SellerStory.Press;
import io.mpcrm.connector.changeset.ServerFaultRestart;
import io.mpcrm.connector.request.RecordRevision;
import io.mpcrm.connector.sandbox.ContractOffer;
import io.mpcrm.connector.sandbox.ContractResaleAuthorizations;
import io.mpcrm.connector.sandbox.Desk;
import io.mpcrm.connector.sandbox.marketplace.MarketplaceSandbox;
import io.mpcrm.connector.sandbox.salesforce.SandboxOrg;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Sellers press thousands of buttons (offers: validate, create, save draft, refresh, modify expiration, cancel;
 * payment schedules; resale authorizations: validate, create, refresh, deactivate) while everything around the
 * connector misbehaves: events delivered up to three times or dropped, the connector stopped abruptly and restarted
 * (also for longer than Salesforce keeps events), 30 % of AWS calls throttled, 5xx bursts from both sides,
 * Salesforce sessions ending every 100 calls, entities locked by change sets from elsewhere, change sets AWS fails
 * internally (SERVER_FAULT) after accepting them. Then it counts what
 * docs/design.md, section 5, promises: nothing lost, nothing twice, everything ended, nothing failed for a reason that passes.
 */
final class ChaosRun {

    private static final Set<String> TERMINAL = Set.of("Succeeded", "Failed");
    /** Words of the connector's and the APIs' messages for failures that pass: a request must never end on them. */
    private static final List<String> TRANSIENT_WORDS = List.of("usually passes", "stopped", "Throttl",
            "Rate exceeded", "INVALID_SESSION", "SERVER_UNAVAILABLE", "Injected fault", "ResourceInUse", "locked",
            "SERVER_FAULT", "unavailable", "timed out");
    /**
     * How long a seller waits for a record before the story counts as stalled. Under restarts every 10 to 30 s (each
     * some seconds of start-up on a busy machine) and 30 % throttling, a change set's outcome can take a few tracker
     * cycles to reach its record; a lost one never does ({@link #awaitStalledRecords} tells the two apart).
     */
    private static final Duration STALL = Duration.ofSeconds(180);
    private static final String SCHEDULE = """
            {"totalAmount":"1200.00","currency":"USD","firstPaymentDate":"%1$d-01-15","endDate":"%1$d-12-31",\
            "frequencyDays":30,"remainder":"Frontload","dayCounting":"Calendar Day"}"""
            .formatted(java.time.LocalDate.now(java.time.ZoneOffset.UTC).getYear() + 1);

    private final ChaosSandboxes sandboxes;
    private final SandboxOrg org;
    /** Presses past the org's API: the faults the run injects there are meant for the connector, not the sellers. */
    private final Desk desk;
    private final MarketplaceSandbox marketplace;
    private final int storyCount;
    private final int concurrency;
    private final int foreignLocks;
    private final Duration restartEvery;
    private final Random random;
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);

    private final ScheduledExecutorService lifecycle = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "chaos-restarts"));
    private final AtomicBoolean restarting = new AtomicBoolean();
    private volatile ConfigurableApplicationContext connector;
    private volatile boolean down;
    private int starts;

    private final List<String> requests = new ArrayList<>();
    /** The second and third presses of a button a seller pressed more than once. */
    private final Set<String> extraPresses = ConcurrentHashMap.newKeySet();
    /** Each story record that becomes an AWS entity: its entity type and the name AWS shows it by. */
    private final Map<String, String[]> entities = new ConcurrentHashMap<>();
    private final ScheduledExecutorService repeats = Executors.newScheduledThreadPool(2, r -> {
        Thread thread = new Thread(r, "chaos-presses-again");
        thread.setDaemon(true); // a run that fails must not keep the JVM alive
        return thread;
    });
    private final Set<String> insertedWhileDown = ConcurrentHashMap.newKeySet();
    private final List<SellerStory> stories = new ArrayList<>();
    private final List<String> stalled = new ArrayList<>();
    private final List<SellerStory> stalledStories = new ArrayList<>();
    private int caughtUp;
    private int restarts;
    private int stoppedBetweenStartAndWriteBack;
    private int bursts;
    private int locked;
    private boolean longDowntimeDone;
    private volatile boolean longDowntimeUnderway;
    private volatile boolean plugPullDue;
    private volatile long nextRestart;

    private String user;
    private String sellerAccount;
    private String product;
    private List<String> entitledDimensions;

    ChaosRun(ChaosSandboxes sandboxes, int storyCount, int concurrency, int foreignLocks, Duration restartEvery,
             long seed) {
        this.sandboxes = sandboxes;
        this.org = sandboxes.org;
        this.desk = Desk.inStore(org);
        this.marketplace = sandboxes.marketplace;
        this.storyCount = storyCount;
        this.concurrency = concurrency;
        this.foreignLocks = foreignLocks;
        this.restartEvery = restartEvery;
        this.random = new Random(seed);
    }

    ChaosFigures run() throws Exception {
        long began = System.nanoTime();
        start();
        prepareTheSeller();
        injectSteadyFaults();
        nextRestart = System.currentTimeMillis() + jitter(restartEvery);
        // The first change set a request starts is followed at once by a pulled plug, so that every run, however
        // fast its requests go, has one request cut off between StartChangeSet and its write-back.
        plugPullDue = true;
        marketplace.onChangeSetCreated(this::pullThePlugIfDue);
        long nextBurst = System.currentTimeMillis() + 3000;
        int nextStory = 0;
        int reservedForDowntime = Math.max(4, storyCount / 10);
        List<SellerStory> active = new ArrayList<>();
        while (nextStory < storyCount || !active.isEmpty()) {
            // Some sellers press their first button while the connector is away for long: their events are lost.
            int startable = longDowntimeDone && !longDowntimeUnderway ? storyCount
                    : longDowntimeUnderway && down ? storyCount : storyCount - reservedForDowntime;
            int limit = longDowntimeUnderway ? Integer.MAX_VALUE : concurrency;
            while (nextStory < startable && active.size() < limit) {
                SellerStory story = story(nextStory++);
                stories.add(story);
                active.add(story);
            }
            Map<String, String> status = requestStatuses();
            long now = System.currentTimeMillis();
            active.removeIf(story -> advance(story, status, now));
            if (now >= nextRestart && !restarting.get()) {
                boolean longDowntime = !longDowntimeDone && nextStory >= storyCount - reservedForDowntime;
                if (longDowntime || now >= nextRestart + 3000) {
                    longDowntimeDone |= longDowntime;
                    restartInBackground(longDowntime);
                    nextRestart = now + jitter(restartEvery);
                } else {
                    plugPullDue = true;
                }
            }
            if (now >= nextBurst) {
                burst();
                nextBurst = now + 6000 + random.nextInt(6000);
            }
            Thread.sleep(250);
        }
        Awaitility.await("the last restart").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> !restarting.get());
        marketplace.onChangeSetCreated(null);
        healFaults();
        awaitAllEnded(Duration.ofMinutes(3));
        caughtUp = awaitStalledRecords(Duration.ofMinutes(2));
        ChaosFigures figures = figures(Duration.ofNanos(System.nanoTime() - began));
        stop();
        lifecycle.shutdownNow();
        repeats.shutdownNow();
        return figures;
    }

    // ------------------------------------------------------------------------------------------- the sellers

    private void prepareTheSeller() throws InterruptedException {
        user = org.createUser("Chaos Seller", "Marketplace_User");
        sellerAccount = org.insertAs(user, "AWS_Seller_Account__c",
                Map.of("Name", "Chaos seller", "Account_Id__c", ChaosSandboxes.SELLER, "Role__c", "ISV"));
        String sync = press("REFRESH_PRODUCTS", sellerAccount, null);
        Awaitility.await("Refresh Products before the chaos").atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> "Succeeded".equals(org.get("Marketplace_Request__c", sync).get("Status__c")));
        String productId = sandboxes.seed.products().get(MarketplaceSandbox.ProductType.SAAS);
        product = (String) org.query("SELECT Id FROM MP_Product__c WHERE Product_Id__c = '" + productId + "'")
                .get(0).get("Id");
        entitledDimensions = org.query("SELECT Dimension_Key__c, Types__c FROM MP_Product_Dimension__c WHERE"
                        + " Product__c = '" + product + "'").stream()
                .filter(d -> String.valueOf(d.get("Types__c")).contains("Entitled"))
                .map(d -> (String) d.get("Dimension_Key__c")).toList();
    }

    private SellerStory story(int i) {
        if (i > 0 && i % 50 == 0) {
            return new SellerStory("product sync", "AWS_Seller_Account__c", sellerAccount,
                    List.of(Press.now("REFRESH_PRODUCTS", null)), r -> true);
        }
        // Creates are pressed once, twice or three times, at once, 100 ms or 2 s apart: AWS must make one entity.
        int times = 1 + (i / 4) % 3;
        long apart = new long[] {0, 100, 2000}[(i / 12) % 3];
        return switch (i % 4) {
            case 0 -> new SellerStory("offer released, moved, cancelled", "MP_Private_Offer__c", offer(i), List.of(
                    Press.now("VALIDATE_OFFER", null),
                    Press.now("CREATE_OFFER", null).repeated(times, apart),
                    Press.whenStatus("Released", "REFRESH_OFFER_STATUS", null),
                    Press.whenStatus("Released", "MODIFY_OFFER_EXPIRATION",
                            "{\"expirationDate\":\"" + today.plusDays(45) + "\"}"),
                    new Press("CANCEL_OFFER", null, "Released with the new expiration", r ->
                            "Released".equals(r.get("Status__c"))
                                    && today.plusDays(45).toString().equals(r.get("Expiration_Date__c")))),
                    r -> "Cancelled".equals(r.get("Status__c")));
            case 1 -> new SellerStory("offer saved as draft, then released", "MP_Private_Offer__c", offer(i), List.of(
                    Press.now("SAVE_OFFER_DRAFT", null).repeated(times, apart),
                    Press.whenStatus("Draft", "REFRESH_OFFER_STATUS", null),
                    Press.whenStatus("Draft", "CREATE_OFFER", null).repeated(times, apart)),
                    r -> "Released".equals(r.get("Status__c")));
            case 2 -> new SellerStory("resale authorization created, deactivated", "MP_Resale_Authorization__c",
                    resaleAuthorization(i), List.of(
                    Press.now("VALIDATE_RESALE_AUTHORIZATION", null),
                    Press.now("CREATE_RESALE_AUTHORIZATION", null).repeated(times, apart),
                    Press.whenStatus("Active", "REFRESH_RESALE_AUTHORIZATION_STATUS", null),
                    Press.whenStatus("Active", "DEACTIVATE_RESALE_AUTHORIZATION", "{\"confirmRestrict\":\"RESTRICT\"}")),
                    r -> "Restricted".equals(r.get("Status__c")));
            default -> {
                String offer = org.insertAs(user, "MP_Private_Offer__c", Map.of("Name", "Schedule " + i,
                        "Seller_Account__c", sellerAccount, "Currency__c", "USD"));
                yield new SellerStory("payment schedule", "MP_Private_Offer__c", offer,
                        List.of(Press.now("GENERATE_PAYMENT_SCHEDULE", SCHEDULE)), r -> true);
            }
        };
    }

    private String offer(int i) {
        Map<String, Object> fields = ContractOffer.fields("Chaos deal " + i, "Private pricing for buyer " + i,
                sellerAccount, product, today.plusDays(30));
        String offer = org.insertAs(user, "MP_Private_Offer__c", fields);
        entities.put(offer, new String[] {"Offer", "Chaos deal " + i});
        for (String key : entitledDimensions) {
            org.insertAs(user, "MP_Offer_Dimension__c", Map.of("Private_Offer__c", offer, "Name", key,
                    "Dimension_Key__c", key, "Rate__c", 1200, "Rate_Kind__c", "Upfront", "Quantity__c", 10));
        }
        return offer;
    }

    private String resaleAuthorization(int i) {
        Map<String, Object> fields = ContractResaleAuthorizations.fields("Chaos resale " + i, sellerAccount, product);
        fields.put("Description__c", "Wholesale terms " + i);
        fields.put("Reseller_Account_Id__c", ChaosSandboxes.RESELLER);
        fields.put("Expiration_Date__c", today.plusDays(90).toString());
        String authorization = ContractResaleAuthorizations.write(org, user, fields);
        entities.put(authorization, new String[] {"ResaleAuthorization", "Chaos resale " + i});
        return authorization;
    }

    /** Moves a story on; true once it has ended (as expected, or stalled). */
    private boolean advance(SellerStory story, Map<String, String> status, long now) {
        // A press made again since the statuses were read is not among them yet (and Set.of takes no null).
        story.pending().stream().filter(id -> status.containsKey(id) && TERMINAL.contains(status.get(id))).toList()
                .forEach(story::ended);
        if (story.busy()) {
            return false;
        }
        Map<String, Object> record = org.get(story.sobject, story.recordId);
        if (story.allPressed()) {
            if (story.done.test(record)) {
                return true;
            }
        } else {
            Press press = story.nextPress();
            if (press.ready().test(record)) {
                if (press.action().equals("MODIFY_OFFER_EXPIRATION") && locked < foreignLocks) {
                    // Someone edits the offer in the AWS console: the connector must wait for that change set.
                    marketplace.lockByForeignChangeSet((String) record.get("Offer_Id__c"), Duration.ofSeconds(4));
                    locked++;
                }
                story.pressed(press(press.action(), story.recordId, press.input()), press.times());
                for (int again = 1; again < press.times(); again++) {
                    repeats.schedule(() -> {
                        String id = press(press.action(), story.recordId, press.input());
                        extraPresses.add(id);
                        story.pressedAgain(id);
                    }, again * press.apartMillis(), TimeUnit.MILLISECONDS);
                }
                return false;
            }
        }
        if (now - story.waitingSince(now) > STALL.toMillis()) {
            stalledStories.add(story);
            stalled.add(story.kind + " on " + story.recordId + ": waited for "
                    + (story.allPressed() ? "its final state" : story.nextPress().waitsFor()) + ", record shows "
                    + record.get("Status__c") + " " + record.get("Last_Error__c"));
            return true;
        }
        return false;
    }

    private String press(String action, String target, String input) {
        String id = desk.press(user, action, sellerAccount, target, input);
        synchronized (requests) {
            requests.add(id);
        }
        if (down) {
            insertedWhileDown.add(id);
        }
        return id;
    }

    private Map<String, String> requestStatuses() {
        Map<String, String> out = new HashMap<>();
        for (Map<String, Object> r : org.query("SELECT Id, Status__c FROM Marketplace_Request__c")) {
            out.put((String) r.get("Id"), (String) r.get("Status__c"));
        }
        return out;
    }

    // -------------------------------------------------------------------------------------------- the faults

    private void injectSteadyFaults() {
        marketplace.setFaultRate(null, 0.30, 400, "ThrottlingException");
        marketplace.setChangeSetServerFaultRate(0.03);
        org.expireSessionsEvery(100);
        sandboxes.pubsub.setDeliveryCopies(3);
        sandboxes.pubsub.setDropRate(0.10);
    }

    /** A burst of 5xx from one side (the next few calls fail), and a new number of copies per event. */
    private void burst() {
        bursts++;
        if (random.nextBoolean()) {
            org.failNext(3 + random.nextInt(6), 503, "SERVER_UNAVAILABLE");
        } else {
            marketplace.failNext(null, 3 + random.nextInt(6), 500, "InternalServiceException");
            // AWS's trouble also reaches change sets it already accepted: the next one ends FAILED, SERVER_FAULT.
            marketplace.failNextChangeSetWithServerFault();
        }
        sandboxes.pubsub.setDeliveryCopies(1 + random.nextInt(3));
    }

    private void healFaults() {
        marketplace.clearFaults();
        org.failNext(0, 503, "SERVER_UNAVAILABLE");
        org.expireSessionsEvery(0);
        sandboxes.pubsub.setDeliveryCopies(1);
        sandboxes.pubsub.setDropRate(0);
    }

    /**
     * When a restart is due, AWS has just accepted a request's change set and the connector has not heard yet: the
     * connector dies now, before it can write anything back.
     */
    private void pullThePlugIfDue(String token) {
        if (plugPullDue && token.startsWith("mpcrm-") && !token.startsWith("mpcrm-again-") && !restarting.get()) {
            plugPullDue = false;
            org.setFaultRate(1, 503, "SERVER_UNAVAILABLE");
            restartInBackground(false);
            nextRestart = System.currentTimeMillis() + jitter(restartEvery);
        }
    }

    private void restartInBackground(boolean longerThanEventRetention) {
        if (!restarting.compareAndSet(false, true)) {
            return;
        }
        longDowntimeUnderway = longerThanEventRetention;
        long pause = longerThanEventRetention ? 6000 : 200 + random.nextInt(1500);
        lifecycle.submit(() -> {
            try {
                down = true;
                stop();
            } catch (Exception e) {
                e.printStackTrace();
            }
        });
        // The connector stays down for the pause: the restart is scheduled after it, on the same thread.
        lifecycle.schedule(() -> {
            try {
                if (longerThanEventRetention) {
                    // Down for longer than Salesforce keeps events: what was announced meanwhile is gone for good.
                    sandboxes.pubsub.expireRetainedEvents();
                }
                longDowntimeUnderway = false;
                start();
                restarts++;
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                restarting.set(false);
            }
        }, pause, TimeUnit.MILLISECONDS);
    }

    private synchronized void start() {
        Map<String, Object> properties = new LinkedHashMap<>(sandboxes.connectorProperties());
        properties.put("connector.instance-id", "chaos-" + (++starts));
        SpringApplication application = new SpringApplication(ConnectorApplication.class);
        connector = application.run(properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
        down = false;
    }

    /**
     * Stops the connector as a killed process stops: Salesforce stops answering it first, so nothing it was doing gets
     * written back; counts the requests cut off after their change set was started.
     */
    private synchronized void stop() {
        down = true;
        org.setFaultRate(1, 503, "SERVER_UNAVAILABLE");
        try {
            stoppedBetweenStartAndWriteBack += processingWithChangeSet();
            if (connector != null) {
                connector.close();
                connector = null;
            }
        } finally {
            org.setFaultRate(0, 503, "SERVER_UNAVAILABLE");
        }
    }

    /**
     * Requests whose change set AWS started and whose record does not show it: a change's token comes from its
     * request; a create's from its record and the change set the record shows, so one started for that revision is
     * not written back yet.
     */
    private int processingWithChangeSet() {
        Set<String> started = marketplace.changeSetsByToken(ChaosSandboxes.SELLER).keySet();
        int n = 0;
        for (Map<String, Object> r : org.query("SELECT Id, Target_Record_Id__c FROM Marketplace_Request__c WHERE"
                + " Status__c = 'Processing'")) {
            String target = (String) r.get("Target_Record_Id__c");
            String[] entity = target == null ? null : entities.get(target);
            String shown = entity == null ? null : (String) org.get(entity[0].equals("Offer") ? "MP_Private_Offer__c"
                    : "MP_Resale_Authorization__c", target).get("Change_Set_Id__c");
            if (started.contains("mpcrm-" + r.get("Id")) || (entity != null && started.contains(
                    new RecordRevision(org.orgId(), target, shown).clientRequestToken()))) {
                n++;
            }
        }
        return n;
    }

    private void awaitAllEnded(Duration atMost) throws InterruptedException {
        try {
            Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(500)).until(() -> {
                Map<String, String> status = requestStatuses();
                return requests.stream().allMatch(id -> status.containsKey(id) && TERMINAL.contains(status.get(id)));
            });
        } catch (ConditionTimeoutException stillRunning) {
            // The figures count what did not end; they, not this wait, fail the run.
        }
    }

    /**
     * Slowness or loss: how many stalled stories' records show what their seller waited for once the faults have
     * stopped and the connector is left to catch up.
     */
    private int awaitStalledRecords(Duration atMost) {
        java.util.function.Supplier<Integer> caughtUpNow = () -> (int) stalledStories.stream().filter(story -> {
            Map<String, Object> record = org.get(story.sobject, story.recordId);
            return story.allPressed() ? story.done.test(record) : story.nextPress().ready().test(record);
        }).count();
        try {
            Awaitility.await().atMost(atMost).pollInterval(Duration.ofSeconds(1))
                    .until(() -> caughtUpNow.get() == stalledStories.size());
        } catch (ConditionTimeoutException someNever) {
            // The figures say how many.
        }
        return caughtUpNow.get();
    }

    // ------------------------------------------------------------------------------------------- the figures

    private ChaosFigures figures(Duration took) {
        Map<String, Map<String, Object>> found = org.query("SELECT Id, Action__c, Status__c, Error__c, Result__c,"
                        + " Claimed_By__c, Attempts__c FROM Marketplace_Request__c").stream()
                .collect(Collectors.toMap(r -> (String) r.get("Id"), Function.identity()));
        int lost = 0;
        int notTerminal = 0;
        int succeeded = 0;
        List<String> transientFailures = new ArrayList<>();
        List<String> otherFailures = new ArrayList<>();
        int downtimeViaSweep = 0;
        int extraOnItsWay = 0;
        int extraAlreadyMade = 0;
        for (String id : requests) {
            Map<String, Object> r = found.get(id);
            if (r == null) {
                lost++;
                continue;
            }
            String status = (String) r.get("Status__c");
            if (extraPresses.contains(id) && "Succeeded".equals(status)
                    && String.valueOf(r.get("Result__c")).startsWith("Nothing sent")) {
                extraOnItsWay++;
            }
            if ("Succeeded".equals(status)) {
                succeeded++;
            } else if ("Failed".equals(status) && extraPresses.contains(id)
                    && String.valueOf(r.get("Error__c")).contains("which freezes")) {
                // A press that came after the first one's change set ended: the record is released (Active) and
                // says so, with what the seller can still do.
                extraAlreadyMade++;
            } else if ("Failed".equals(status)) {
                String error = r.get("Action__c") + " " + id + ": " + r.get("Error__c");
                (TRANSIENT_WORDS.stream().anyMatch(String.valueOf(r.get("Error__c"))::contains)
                        ? transientFailures : otherFailures).add(error);
            } else {
                notTerminal++;
            }
            if (insertedWhileDown.contains(id) && String.valueOf(r.get("Claimed_By__c")).endsWith("via sweep")) {
                downtimeViaSweep++;
            }
        }
        Map<String, List<String>> changeSets = marketplace.changeSetsByToken(ChaosSandboxes.SELLER);
        long startedTwice = changeSets.values().stream().filter(ids -> ids.size() > 1).count();
        long changeSetsForRequests = changeSets.keySet().stream().filter(token -> token.startsWith("mpcrm-")
                && !token.startsWith("mpcrm-again-")).count();
        List<String> serverFaults = marketplace.serverFaultedChangeSets(ChaosSandboxes.SELLER);
        long startedAgain = serverFaults.stream()
                .filter(failed -> changeSets.containsKey(ServerFaultRestart.token(failed))).count();
        long endedWell = serverFaults.stream().filter(failed -> succeededInTheEnd(failed, changeSets)).count();
        Map<String, Long> calls = marketplace.callCounts(ChaosSandboxes.SELLER);
        Map<String, Long> throttled = marketplace.throttledCounts(ChaosSandboxes.SELLER);
        Map<String, Integer> actions = new java.util.TreeMap<>();
        requests.forEach(id -> actions.merge(String.valueOf(found.getOrDefault(id, Map.of()).get("Action__c")), 1,
                Integer::sum));
        int storiesDone = stories.size() - stalled.size();
        return new ChaosFigures(requests.size(), actions, succeeded, lost, startedTwice, duplicateRecords(),
                notTerminal, transientFailures, otherFailures, entitiesCreatedTwice(), extraPresses.size(),
                extraOnItsWay, extraAlreadyMade, stories.size(), storiesDone, stalled, caughtUp, restarts,
                stoppedBetweenStartAndWriteBack, insertedWhileDown.size(), downtimeViaSweep, bursts, locked,
                changeSetsForRequests, calls.getOrDefault("StartChangeSet", 0L), serverFaults.size(), startedAgain,
                endedWell,
                calls.values().stream().mapToLong(Long::longValue).sum(),
                throttled.values().stream().mapToLong(Long::longValue).sum(),
                sandboxes.pubsub.publishedCount(), sandboxes.pubsub.deliveredCount(),
                org.callCounts().getOrDefault("login", 0L), took);
    }

    /** Whether the changes of a set AWS failed internally were applied in the end, by the sets started in its place. */
    private boolean succeededInTheEnd(String failed, Map<String, List<String>> changeSets) {
        String changeSet = failed;
        for (int restart = 0; restart < 10 && "FAILED".equals(marketplace.changeSetStatus(changeSet)); restart++) {
            List<String> again = changeSets.get(ServerFaultRestart.token(changeSet));
            if (again == null) {
                return false;
            }
            changeSet = again.get(0);
        }
        return "SUCCEEDED".equals(marketplace.changeSetStatus(changeSet));
    }

    /**
     * AWS entities beyond the first made for one story record: the offers and resale authorizations the sandbox holds
     * under the name the record gave them, which no other record uses.
     */
    private Map<String, Integer> entitiesCreatedTwice() {
        Map<String, Integer> twice = new java.util.TreeMap<>();
        entities.forEach((record, entity) -> {
            int made = marketplace.entitiesNamed(ChaosSandboxes.SELLER, entity[0], entity[1]).size();
            if (made > 1) {
                twice.put(entity[1] + " (" + record + ")", made - 1);
            }
        });
        return twice;
    }

    /** Records that exist twice for one AWS entity, dimension or installment. */
    private Map<String, Integer> duplicateRecords() {
        Map<String, Integer> out = new LinkedHashMap<>();
        out.put("products", duplicates("SELECT Product_Id__c FROM MP_Product__c", "Product_Id__c"));
        out.put("product dimensions", duplicates("SELECT Product__c, Dimension_Key__c FROM MP_Product_Dimension__c",
                "Product__c", "Dimension_Key__c"));
        out.put("offers", duplicates("SELECT Offer_Id__c FROM MP_Private_Offer__c", "Offer_Id__c"));
        out.put("resale authorizations", duplicates("SELECT Resale_Authorization_Id__c FROM"
                + " MP_Resale_Authorization__c", "Resale_Authorization_Id__c"));
        out.put("installments", duplicates("SELECT Private_Offer__c, Installment_Number__c FROM"
                + " MP_Payment_Installment__c", "Private_Offer__c", "Installment_Number__c"));
        out.put("resale installments", duplicates("SELECT Resale_Authorization__c, Installment_Number__c FROM"
                + " MP_Resale_Installment__c", "Resale_Authorization__c", "Installment_Number__c"));
        return out;
    }

    private int duplicates(String soql, String... key) {
        Set<String> seen = new HashSet<>();
        int twice = 0;
        for (Map<String, Object> r : org.query(soql)) {
            if (r.get(key[0]) == null) {
                continue;
            }
            StringBuilder k = new StringBuilder();
            for (String field : key) {
                k.append(r.get(field)).append('|');
            }
            if (!seen.add(k.toString())) {
                twice++;
            }
        }
        return twice;
    }

    private long jitter(Duration around) {
        long ms = around.toMillis();
        return ms / 2 + (long) (random.nextDouble() * ms);
    }
}
