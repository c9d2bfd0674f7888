package io.mpcrm.connector.sandbox.marketplace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Supplier;

/** The Catalog API (rest-json, PascalCase): entity store and change sets, per calling account. */
final class CatalogApi {

    static final String CATALOG = "AWSMarketplace";
    static final Set<String> STATUSES = Set.of("PREPARING", "APPLYING", "SUCCEEDED", "CANCELLED", "FAILED");
    static final Set<String> PRODUCT_TYPES = Set.of("SaaSProduct", "AmiProduct", "ContainerProduct", "DataProduct");

    /** One stored entity; {@code details} is never mutated after it is stored (a change replaces the record). */
    record StoredEntity(String type, String id, int revision, ObjectNode details, Instant lastModified, String owner,
                        Set<String> sharedWith) {
        String baseType() {
            int at = type.indexOf('@');
            return at < 0 ? type : type.substring(0, at);
        }

        String identifier() {
            return id + "@" + revision;
        }

        String arn() {
            return "arn:aws:aws-marketplace:" + MarketplaceSandbox.REGION + ":" + owner + ":" + CATALOG + "/"
                    + baseType() + "/" + id;
        }

        boolean visibleTo(String account) {
            return owner.equals(account) || sharedWith.contains(account);
        }

        StoredEntity revised(ObjectNode newDetails, Instant at) {
            return new StoredEntity(type, id, revision + 1, newDetails, at, owner, sharedWith);
        }
    }

    static final class ChangeSetRecord {
        final String id;
        final String account;
        final String name;
        final String intent;
        final Instant start;
        final Duration preparing;
        final Duration applying;
        final List<ObjectNode> changes;
        final Map<String, String> createdIds = new LinkedHashMap<>(); // ChangeName or index -> new entity id
        final Set<String> entityIds = new HashSet<>();
        final List<ArrayNode> errors = new ArrayList<>();
        volatile Instant cancelledAt;
        volatile boolean serverFault;
        volatile String failureCode;
        volatile String failureDescription;
        /** SUCCEEDED or FAILED once the set has been settled; null before. */
        volatile String outcome;
        /** When AWS reads the set's custom legal documents (real time, not the sandbox's clock). */
        volatile Instant documentsReadAt;

        ChangeSetRecord(String id, String account, String name, String intent, Instant start, Duration preparing,
                        Duration applying, List<ObjectNode> changes) {
            this.id = id;
            this.account = account;
            this.name = name;
            this.intent = intent;
            this.start = start;
            this.preparing = preparing;
            this.applying = applying;
            this.changes = changes;
        }

        String arn() {
            return "arn:aws:aws-marketplace:" + MarketplaceSandbox.REGION + ":" + account + ":" + CATALOG
                    + "/ChangeSet/" + id;
        }

        String status(Instant now) {
            if (cancelledAt != null) {
                return "CANCELLED";
            }
            if (now.isBefore(start.plus(preparing))) {
                return "PREPARING";
            }
            String o = outcome;
            return o == null ? "APPLYING" : o;
        }

        /** When the set ends (SUCCEEDED or FAILED): after PREPARING and APPLYING. */
        Instant finishedAt() {
            return start.plus(preparing).plus(applying);
        }

        Instant end(Instant now) {
            if (cancelledAt != null) {
                return cancelledAt;
            }
            return outcome != null ? finishedAt() : null;
        }

        boolean open(Instant now) {
            String s = status(now);
            return s.equals("PREPARING") || s.equals("APPLYING");
        }

        /** The ErrorDetailList of change {@code i} (empty unless the set FAILED with CLIENT_ERROR). */
        ArrayNode errors(int i) {
            return outcome != null && i < errors.size() ? errors.get(i).deepCopy() : Json.array();
        }
    }

    final Map<String, StoredEntity> entities = new ConcurrentHashMap<>();
    final Map<String, ChangeSetRecord> changeSets = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    /** Every change set created, by "account|ClientRequestToken" (sets started without a token are not listed). */
    final Map<String, List<String>> createdByToken = new ConcurrentHashMap<>();
    /** Told each new change set's ClientRequestToken before StartChangeSet answers. */
    volatile java.util.function.Consumer<String> onCreated = token -> { };
    private final ConcurrentLinkedQueue<ChangeSetRecord> unapplied = new ConcurrentLinkedQueue<>();
    private final Supplier<Clock> clock;
    volatile Duration preparing = Duration.ofSeconds(1);
    volatile Duration applying = Duration.ofSeconds(1);
    /** Whether AWS can read a legal document's URL at an instant; told each read (see {@link #legalDocumentErrors}). */
    volatile java.util.function.BiPredicate<String, Instant> legalDocumentReadable = (url, at) -> true;
    /** How long after StartChangeSet AWS reads a change set's custom legal documents. */
    volatile Duration legalDocumentsReadAfter = Duration.ofHours(3);
    /** Agreement API view of an agreement by id (any account), or null. */
    volatile java.util.function.Function<String, JsonNode> agreementLookup = id -> null;
    /** How many of the next change sets end FAILED with SERVER_FAULT. */
    final java.util.concurrent.atomic.AtomicInteger serverFaultsToCome = new java.util.concurrent.atomic.AtomicInteger();
    /** The share of change sets started with a ClientRequestToken that AWS fails internally (seeded random). */
    volatile double serverFaultRate;
    private final java.util.Random serverFaultRandom = new java.util.Random(11);
    /** Offers made by CreateReplacementOffer (their targeting is fixed, they need an AgreementEndDate). */
    private final Set<String> replacementOffers = ConcurrentHashMap.newKeySet();
    private static final java.util.regex.Pattern REFERENCE =
            java.util.regex.Pattern.compile("\\$([A-Za-z]+)\\.Entity\\.Identifier");

    CatalogApi(Supplier<Clock> clock) {
        this.clock = clock;
    }

    private Instant now() {
        return clock.get().instant();
    }

    void put(StoredEntity e) {
        entities.put(e.id(), e);
    }

    ObjectNode handle(String op, String account, Map<String, String> query, JsonNode body) {
        settle();
        return switch (op) {
            case "ListEntities" -> listEntities(account, body);
            case "DescribeEntity" -> describeEntity(account, query);
            case "BatchDescribeEntities" -> batchDescribe(account, body);
            case "StartChangeSet" -> startChangeSet(account, body);
            case "DescribeChangeSet" -> describeChangeSet(account, query);
            case "ListChangeSets" -> listChangeSets(account, body);
            case "CancelChangeSet" -> cancelChangeSet(account, query);
            default -> throw new ApiError(404, "UnknownOperationException", "The sandbox does not serve " + op);
        };
    }

    /** HTTP method and operation name for a Catalog API path, or null. */
    static String operation(String method, String path) {
        return switch (method + " " + path) {
            case "POST /ListEntities" -> "ListEntities";
            case "GET /DescribeEntity" -> "DescribeEntity";
            case "POST /BatchDescribeEntities" -> "BatchDescribeEntities";
            case "POST /StartChangeSet" -> "StartChangeSet";
            case "GET /DescribeChangeSet" -> "DescribeChangeSet";
            case "POST /ListChangeSets" -> "ListChangeSets";
            case "PATCH /CancelChangeSet" -> "CancelChangeSet";
            default -> null;
        };
    }

    private static void catalog(String value) {
        if (!CATALOG.equals(value)) {
            throw ApiError.validation("Catalog must be " + CATALOG);
        }
    }

    private static String required(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw ApiError.validation(name + " is required");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    // ---------------------------------------------------------------------------------------------- entities

    private ObjectNode listEntities(String account, JsonNode body) {
        catalog(text(body, "Catalog"));
        String type = required(text(body, "EntityType"), "EntityType");
        String ownership = body.hasNonNull("OwnershipType") ? body.get("OwnershipType").asText() : "SELF";
        if (!ownership.equals("SELF") && !ownership.equals("SHARED")) {
            throw ApiError.validation("OwnershipType must be SELF or SHARED");
        }
        int max = body.hasNonNull("MaxResults") ? body.get("MaxResults").asInt() : 20;
        if (max < 1 || max > 50) {
            throw ApiError.validation("MaxResults must be between 1 and 50");
        }
        JsonNode typeFilters = body.get("EntityTypeFilters");
        JsonNode filters = null;
        if (typeFilters != null && !typeFilters.isNull()) {
            if (typeFilters.size() != 1 || !typeFilters.has(type + "Filters")) {
                throw ApiError.validation("EntityTypeFilters must hold exactly " + type + "Filters for EntityType " + type);
            }
            filters = typeFilters.get(type + "Filters");
        }
        if (body.hasNonNull("FilterList") && body.get("FilterList").size() > 0) {
            throw ApiError.validation("The sandbox serves EntityTypeFilters, not the legacy FilterList");
        }
        String sortBy = "LastModifiedDate";
        boolean ascending = false;
        JsonNode typeSort = body.get("EntityTypeSort");
        if (typeSort != null && !typeSort.isNull()) {
            JsonNode sort = typeSort.get(type + "Sort");
            if (typeSort.size() != 1 || sort == null) {
                throw ApiError.validation("EntityTypeSort must hold exactly " + type + "Sort");
            }
            if (sort.hasNonNull("SortBy")) {
                sortBy = sort.get("SortBy").asText();
            }
            ascending = "ASCENDING".equals(text(sort, "SortOrder"));
        }

        List<StoredEntity> matches = new ArrayList<>();
        for (StoredEntity e : entities.values()) {
            boolean mine = ownership.equals("SELF") ? e.owner().equals(account) : e.sharedWith().contains(account);
            if (mine && e.baseType().equals(type) && matches(e, filters)) {
                matches.add(e);
            }
        }
        String by = sortBy;
        Comparator<StoredEntity> order = Comparator.comparing(e -> String.join(",", values(e, by)));
        if (!ascending) {
            order = order.reversed();
        }
        matches.sort(order.thenComparing(StoredEntity::id));

        String queryKey = account + "|" + type + "|" + ownership + "|" + filters + "|" + typeSort;
        int from = pageStart(text(body, "NextToken"), queryKey, matches.size());
        ArrayNode list = Json.array();
        for (int i = from; i < Math.min(matches.size(), from + max); i++) {
            list.add(summary(matches.get(i)));
        }
        ObjectNode out = Json.object();
        out.set("EntitySummaryList", list);
        if (from + max < matches.size()) {
            out.put("NextToken", Json.token(queryKey, from + max));
        }
        return out;
    }

    static int pageStart(String token, String queryKey, int size) {
        if (token == null) {
            return 0;
        }
        int from = Json.offset(token, queryKey);
        if (from < 0 || from > size) {
            throw ApiError.validation("The NextToken is invalid");
        }
        return from;
    }

    private static boolean matches(StoredEntity e, JsonNode filters) {
        if (filters == null) {
            return true;
        }
        Iterator<Map.Entry<String, JsonNode>> it = filters.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            List<String> actual = values(e, f.getKey());
            JsonNode spec = f.getValue();
            if (spec.has("ValueList")) {
                boolean any = false;
                for (JsonNode v : spec.get("ValueList")) {
                    any |= actual.contains(v.asText());
                }
                if (!any) {
                    return false;
                }
            }
            if (spec.has("WildCardValue")) {
                String w = spec.get("WildCardValue").asText().toLowerCase().replace("*", "");
                if (actual.stream().noneMatch(a -> a.toLowerCase().contains(w))) {
                    return false;
                }
            }
            if (spec.has("DateRange")) {
                JsonNode range = spec.get("DateRange");
                Instant after = range.hasNonNull("AfterValue") ? Json.parseInstant(range.get("AfterValue").asText()) : null;
                Instant before = range.hasNonNull("BeforeValue") ? Json.parseInstant(range.get("BeforeValue").asText()) : null;
                if ((range.hasNonNull("AfterValue") && after == null) || (range.hasNonNull("BeforeValue") && before == null)) {
                    throw ApiError.validation("DateRange values must be YYYY-MM-DDTHH:MM:SSZ");
                }
                Instant value = actual.isEmpty() ? null : Json.parseInstant(actual.get(0));
                if (value == null || (after != null && value.isBefore(after)) || (before != null && value.isAfter(before))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The values a filter or sort key sees for an entity: its summary's fields plus EntityId and LastModifiedDate. */
    private static List<String> values(StoredEntity e, String field) {
        switch (field) {
            case "EntityId":
                return List.of(e.id());
            case "LastModifiedDate":
                return List.of(Json.isoSeconds(e.lastModified()));
            default:
                JsonNode summary = typeSummary(e);
                JsonNode v = summary.get(field);
                List<String> out = new ArrayList<>();
                if (v != null && v.isArray()) {
                    v.forEach(x -> out.add(x.asText()));
                } else if (v != null && !v.isNull()) {
                    out.add(v.asText());
                }
                return out;
        }
    }

    private static ObjectNode summary(StoredEntity e) {
        ObjectNode s = Json.object();
        ObjectNode typeSummary = typeSummary(e);
        String name = PRODUCT_TYPES.contains(e.baseType()) ? text(typeSummary, "ProductTitle") : text(typeSummary, "Name");
        if (name != null) {
            s.put("Name", name);
        }
        s.put("EntityType", e.baseType());
        s.put("EntityId", e.id());
        s.put("EntityArn", e.arn());
        s.put("LastModifiedDate", Json.isoSeconds(e.lastModified()));
        String visibility = text(typeSummary, "Visibility");
        if (visibility != null) {
            s.put("Visibility", visibility);
        }
        s.set(e.baseType() + "Summary", typeSummary);
        return s;
    }

    static ObjectNode typeSummary(StoredEntity e) {
        ObjectNode d = e.details();
        ObjectNode s = Json.object();
        if (PRODUCT_TYPES.contains(e.baseType())) {
            JsonNode description = d.path("Description");
            putIf(s, "ProductTitle", text(description, "ProductTitle"));
            putIf(s, "Visibility", text(description, "Visibility"));
        } else if (e.baseType().equals("ResaleAuthorization")) {
            for (String f : List.of("Name", "ProductId", "ProductName", "ManufacturerAccountId", "ManufacturerLegalName",
                    "Status", "CreatedDate")) {
                putIf(s, f, text(d, f));
            }
            for (JsonNode rule : d.path("Rules")) {
                if ("PartnerTargetingRule".equals(text(rule, "Type"))) {
                    putIf(s, "ResellerAccountID", text(rule, "ResellerAccountId"));
                    putIf(s, "ResellerLegalName", text(rule, "ResellerLegalName"));
                } else if ("AvailabilityRule".equals(text(rule, "Type"))) {
                    putIf(s, "AvailabilityEndDate", text(rule, "AvailabilityEndDate"));
                }
            }
            putIf(s, "OfferExtendedStatus", text(d.path("OfferDetails"), "OfferExtendedStatus"));
        } else if (e.baseType().equals("Offer")) {
            for (String f : List.of("Name", "ProductId", "ResaleAuthorizationId", "ReleaseDate", "State", "OfferSetId")) {
                putIf(s, f, text(d, f));
            }
            ArrayNode targeting = Json.array();
            for (JsonNode rule : d.path("Rules")) {
                if ("AvailabilityRule".equals(text(rule, "Type"))) {
                    putIf(s, "AvailabilityEndDate", text(rule, "AvailabilityEndDate"));
                } else if ("TargetingRule".equals(text(rule, "Type"))) {
                    JsonNode buyers = rule.path("PositiveTargeting").path("BuyerAccounts");
                    if (buyers.isArray() && buyers.size() > 0) {
                        s.set("BuyerAccounts", buyers.deepCopy());
                        targeting.add("BuyerAccounts");
                    }
                    if (rule.path("PositiveTargeting").path("CountryCodes").size() > 0) {
                        targeting.add("CountryCodes");
                    }
                }
            }
            if (targeting.isEmpty()) {
                targeting.add("None");
            }
            s.set("Targeting", targeting);
        }
        return s;
    }

    private static void putIf(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private StoredEntity visible(String account, String entityId) {
        StoredEntity e = entityId == null ? null : entities.get(entityId);
        if (e == null || !e.visibleTo(account)) {
            throw ApiError.notFound("Entity " + entityId + " not found");
        }
        return e;
    }

    private ObjectNode describeEntity(String account, Map<String, String> query) {
        catalog(query.get("catalog"));
        StoredEntity e = visible(account, required(query.get("entityId"), "EntityId"));
        ObjectNode out = Json.object();
        out.put("EntityType", e.type());
        out.put("EntityIdentifier", e.identifier());
        out.put("EntityArn", e.arn());
        out.put("LastModifiedDate", Json.isoSeconds(e.lastModified()));
        out.put("Details", Json.string(e.details()));
        out.set("DetailsDocument", e.details().deepCopy());
        return out;
    }

    private ObjectNode batchDescribe(String account, JsonNode body) {
        JsonNode requests = body.get("EntityRequestList");
        if (requests == null || !requests.isArray() || requests.size() < 1 || requests.size() > 20) {
            throw ApiError.validation("EntityRequestList must hold 1 to 20 entries");
        }
        ObjectNode details = Json.object();
        ObjectNode errors = Json.object();
        for (JsonNode r : requests) {
            catalog(text(r, "Catalog"));
            String id = required(text(r, "EntityId"), "EntityId");
            StoredEntity e = entities.get(id);
            if (e == null || !e.visibleTo(account)) {
                ObjectNode err = errors.putObject(id);
                err.put("ErrorCode", "ResourceNotFoundException");
                err.put("ErrorMessage", "Entity " + id + " not found");
                continue;
            }
            ObjectNode d = details.putObject(id);
            d.put("EntityType", e.type());
            d.put("EntityArn", e.arn());
            d.put("EntityIdentifier", e.identifier());
            d.put("LastModifiedDate", Json.isoSeconds(e.lastModified()));
            d.set("DetailsDocument", e.details().deepCopy());
        }
        ObjectNode out = Json.object();
        out.set("EntityDetails", details);
        out.set("Errors", errors);
        return out;
    }

    // ------------------------------------------------------------------------------------------- change sets

    private synchronized ObjectNode startChangeSet(String account, JsonNode body) {
        catalog(text(body, "Catalog"));
        String token = text(body, "ClientRequestToken");
        if (token != null) {
            if (!token.matches("^[!-~]{1,64}$")) {
                throw ApiError.validation("ClientRequestToken must be 1 to 64 printable ASCII characters");
            }
            String existing = tokens.get(account + "|" + token);
            if (existing != null) {
                return idAndArn(changeSets.get(existing));
            }
        }
        JsonNode changes = body.get("ChangeSet");
        if (changes == null || !changes.isArray() || changes.size() < 1 || changes.size() > 20) {
            throw ApiError.validation("ChangeSet must hold 1 to 20 changes");
        }
        String name = text(body, "ChangeSetName");
        if (name != null && !name.matches("^[\\w\\s+=.:@-]{1,100}$")) {
            throw ApiError.validation("ChangeSetName must match ^[\\w\\s+=.:@-]+$ (1-100 characters)");
        }
        String intent = body.hasNonNull("Intent") ? body.get("Intent").asText() : "APPLY";
        if (!intent.equals("APPLY") && !intent.equals("VALIDATE")) {
            throw ApiError.validation("Intent must be APPLY or VALIDATE");
        }
        Instant now = now();
        Set<String> createNames = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < changes.size(); i++) {
            String changeName = text(changes.get(i), "ChangeName");
            if (changeName == null) {
                continue;
            }
            if (!changeName.matches("^[A-Za-z]{1,72}$")) {
                throw ApiError.validation("ChangeSet[" + i + "]: ChangeName " + changeName + " must be 1 to 72 letters");
            }
            if (!names.add(changeName)) {
                throw ApiError.validation("ChangeSet[" + i + "]: ChangeName " + changeName + " is used twice");
            }
            if (String.valueOf(text(changes.get(i), "ChangeType")).startsWith("Create")) {
                createNames.add(changeName);
            }
        }
        List<ObjectNode> stored = new ArrayList<>();
        Set<String> targets = new HashSet<>();
        Set<String> typeOnEntity = new HashSet<>();
        Map<String, String> created = new LinkedHashMap<>();
        for (int i = 0; i < changes.size(); i++) {
            String where = "ChangeSet[" + i + "]";
            JsonNode c = changes.get(i);
            if (c == null || !c.isObject()) {
                throw ApiError.validation(where + " must be a Change object");
            }
            String changeType = required(text(c, "ChangeType"), where + ".ChangeType");
            if (!changeType.matches("^[A-Z]\\w{0,254}$")) {
                throw ApiError.validation(where + ": ChangeType " + changeType + " is not valid");
            }
            JsonNode entity = c.get("Entity");
            String entityType = required(text(entity, "Type"), where + ".Entity.Type");
            if (!entityType.matches("^[A-Za-z]{1,64}@\\d+\\.\\d+$")) {
                throw ApiError.validation(where + " (" + changeType + "): Entity.Type " + entityType
                        + " must be <EntityType>@<version>, e.g. " + OfferRules.ENTITY_TYPE);
            }
            if (entityType.startsWith("Offer@") && !entityType.equals(OfferRules.ENTITY_TYPE)) {
                throw ApiError.validation(where + " (" + changeType + "): Entity.Type " + entityType
                        + " is not supported; use " + OfferRules.ENTITY_TYPE);
            }
            if (c.hasNonNull("Details") && c.hasNonNull("DetailsDocument")) {
                throw ApiError.validation(where + " (" + changeType + "): a change carries Details or DetailsDocument, not both");
            }
            String identifier = text(entity, "Identifier");
            String changeName = text(c, "ChangeName");
            String key = changeName != null ? changeName : "#" + i;
            boolean offer = entityType.equals(OfferRules.ENTITY_TYPE);
            if (offer) {
                OfferRules.validate(where, changeType, c, new OfferRules.Lookup() {
                    @Override
                    public StoredEntity product(String productId) {
                        StoredEntity p = entities.get(productId);
                        return p != null && p.owner().equals(account) && PRODUCT_TYPES.contains(p.baseType()) ? p : null;
                    }

                    @Override
                    public JsonNode agreement(String agreementId) {
                        JsonNode a = agreementLookup.apply(agreementId);
                        return a != null && account.equals(a.path("proposer").path("accountId").asText()) ? a : null;
                    }

                    @Override
                    public boolean changeName(String name) {
                        return createNames.contains(name);
                    }

                    @Override
                    public boolean channelPartnerOffer(String identifier) {
                        if (identifier == null) {
                            return false;
                        }
                        java.util.regex.Matcher m = REFERENCE.matcher(identifier);
                        if (m.matches()) {
                            for (JsonNode other : changes) {
                                if (m.group(1).equals(text(other, "ChangeName"))) {
                                    return String.valueOf(text(other, "ChangeType")).endsWith("UsingResaleAuthorization");
                                }
                            }
                            return false;
                        }
                        StoredEntity existing = entities.get(identifier.split("@", 2)[0]);
                        return existing != null && existing.details().hasNonNull("ResaleAuthorizationId");
                    }
                });
            }
            if (entityType.equals(ResaleAuthorizationRules.ENTITY_TYPE)) {
                ResaleAuthorizationRules.validate(where, changeType, c, productId -> {
                    StoredEntity p = entities.get(productId);
                    return p != null && p.owner().equals(account) && PRODUCT_TYPES.contains(p.baseType()) ? p : null;
                });
            }
            if (changeType.startsWith("Create")) {
                if (identifier != null) {
                    throw ApiError.validation(where + " (" + changeType + "): Entity.Identifier must not be set on a Create change");
                }
                created.put(key, newEntityId(entityType));
            } else if (identifier == null) {
                throw ApiError.validation(where + " (" + changeType + "): Entity.Identifier is required");
            } else if (identifier.startsWith("$")) {
                java.util.regex.Matcher m = REFERENCE.matcher(identifier);
                if (!m.matches() || !createNames.contains(m.group(1))) {
                    throw ApiError.validation(where + " (" + changeType + "): Entity.Identifier " + identifier
                            + " is not $<ChangeName>.Entity.Identifier of a Create change in this change set");
                }
                if (!typeOnEntity.add("$" + m.group(1) + "|" + changeType)) {
                    throw ApiError.validation(where + ": ChangeType " + changeType + " appears twice for entity " + identifier);
                }
            } else {
                if (!identifier.matches("^[\\w\\-@]+$")) {
                    throw ApiError.validation(where + " (" + changeType + "): Entity.Identifier " + identifier + " is not valid");
                }
                String[] idRev = identifier.split("@", 2);
                StoredEntity target = entities.get(idRev[0]);
                if (target == null || !target.owner().equals(account)) {
                    throw ApiError.notFound(where + " (" + changeType + "): entity " + idRev[0] + " not found");
                }
                if (!target.type().equals(entityType)) {
                    throw ApiError.validation(where + " (" + changeType + "): entity " + idRev[0] + " is a "
                            + target.type() + ", not " + entityType);
                }
                if (idRev.length == 2 && !idRev[1].equals(String.valueOf(target.revision()))) {
                    throw ApiError.validation("Entity " + idRev[0] + " revision " + idRev[1]
                            + " is stale; the latest revision is " + target.revision());
                }
                targets.add(idRev[0]);
                if (!typeOnEntity.add(idRev[0] + "|" + changeType)) {
                    throw ApiError.validation(where + ": ChangeType " + changeType + " appears twice for entity " + idRev[0]);
                }
            }
            stored.add(c.deepCopy());
        }
        for (ChangeSetRecord other : changeSets.values()) {
            if (other.open(now)) {
                for (String t : targets) {
                    if (other.entityIds.contains(t)) {
                        throw new ApiError(423, "ResourceInUseException", "Entity " + t
                                + " is locked by change set " + other.id + " until it finishes");
                    }
                }
            }
        }
        ChangeSetRecord cs = new ChangeSetRecord(Json.id("", 25), account,
                name != null ? name : "Submitted by " + account, intent, now, preparing, applying, stored);
        cs.entityIds.addAll(targets);
        cs.createdIds.putAll(created);
        cs.documentsReadAt = Instant.now().plus(legalDocumentsReadAfter);
        cs.serverFault = serverFaultsToCome.getAndUpdate(n -> Math.max(0, n - 1)) > 0
                || (token != null && serverFaultRandom.nextDouble() < serverFaultRate);
        changeSets.put(cs.id, cs);
        unapplied.add(cs);
        if (token != null) {
            tokens.put(account + "|" + token, cs.id);
            createdByToken.computeIfAbsent(account + "|" + token, t -> new java.util.concurrent.CopyOnWriteArrayList<>())
                    .add(cs.id);
            onCreated.accept(token);
        }
        return idAndArn(cs);
    }

    /** Each change of every change set {@code account} started, with the ARN of the entity it changes or creates. */
    synchronized List<MarketplaceSandbox.StartedChange> startedChanges(String account) {
        List<MarketplaceSandbox.StartedChange> started = new ArrayList<>();
        for (ChangeSetRecord cs : changeSets.values()) {
            if (!cs.account.equals(account)) {
                continue;
            }
            for (int i = 0; i < cs.changes.size(); i++) {
                ObjectNode c = cs.changes.get(i);
                String key = c.hasNonNull("ChangeName") ? text(c, "ChangeName") : "#" + i;
                String type = text(c.get("Entity"), "Type");
                String identifier = text(c.get("Entity"), "Identifier");
                String entityId;
                if (identifier == null) {
                    entityId = cs.createdIds.get(key);
                } else {
                    java.util.regex.Matcher reference = REFERENCE.matcher(identifier);
                    entityId = reference.matches() ? cs.createdIds.get(reference.group(1)) : identifier.split("@")[0];
                }
                StoredEntity stored = entities.get(entityId);
                String owner = stored != null ? stored.owner() : account;
                String baseType = type.contains("@") ? type.substring(0, type.indexOf('@')) : type;
                started.add(new MarketplaceSandbox.StartedChange(cs.id, cs.arn(), text(c, "ChangeType"),
                        "arn:aws:aws-marketplace:" + MarketplaceSandbox.REGION + ":" + owner + ":" + CATALOG + "/"
                                + baseType + "/" + entityId));
            }
        }
        return started;
    }

    /**
     * A change set made elsewhere (the AWS console, another tool) that holds {@code entityId} for {@code holdFor} and
     * then succeeds without changing it: until then StartChangeSet on that entity answers ResourceInUseException.
     */
    synchronized String holdEntity(String account, String entityId, Duration holdFor) {
        ChangeSetRecord cs = new ChangeSetRecord(Json.id("", 25), account, "Console edit", "APPLY", now(), holdFor,
                Duration.ZERO, new ArrayList<>());
        cs.entityIds.add(entityId);
        changeSets.put(cs.id, cs);
        unapplied.add(cs);
        return cs.id;
    }

    private static String newEntityId(String entityType) {
        String base = entityType.contains("@") ? entityType.substring(0, entityType.indexOf('@')) : entityType;
        return switch (base) {
            case "Offer" -> Json.id("offer-", 13);
            case "ResaleAuthorization" -> Json.id("resaleauthz-", 13);
            case "OfferSet" -> Json.id("offerset-", 13);
            default -> base.endsWith("Product") ? Json.id("prod-", 13) : Json.id(base.toLowerCase() + "-", 13);
        };
    }

    private static ObjectNode idAndArn(ChangeSetRecord cs) {
        ObjectNode out = Json.object();
        out.put("ChangeSetId", cs.id);
        out.put("ChangeSetArn", cs.arn());
        return out;
    }

    private ChangeSetRecord own(String account, String id) {
        ChangeSetRecord cs = id == null ? null : changeSets.get(id);
        if (cs == null || !cs.account.equals(account)) {
            throw ApiError.notFound("Change set " + id + " not found");
        }
        return cs;
    }

    private ObjectNode describeChangeSet(String account, Map<String, String> query) {
        catalog(query.get("catalog"));
        ChangeSetRecord cs = own(account, required(query.get("changeSetId"), "ChangeSetId"));
        Instant now = now();
        String status = cs.status(now);
        ObjectNode out = idAndArn(cs);
        out.put("ChangeSetName", cs.name);
        out.put("Intent", cs.intent);
        out.put("StartTime", Json.isoSeconds(cs.start));
        Instant end = cs.end(now);
        if (end != null) {
            out.put("EndTime", Json.isoSeconds(end));
        }
        out.put("Status", status);
        if (cs.failureCode != null && "FAILED".equals(status)) {
            out.put("FailureCode", cs.failureCode);
            putIf(out, "FailureDescription", cs.failureDescription);
        }
        ArrayNode list = out.putArray("ChangeSet");
        for (int i = 0; i < cs.changes.size(); i++) {
            ObjectNode c = cs.changes.get(i);
            ObjectNode s = list.addObject();
            s.put("ChangeType", text(c, "ChangeType"));
            putIf(s, "ChangeName", text(c, "ChangeName"));
            ObjectNode entity = s.putObject("Entity");
            entity.put("Type", text(c.get("Entity"), "Type"));
            String key = c.hasNonNull("ChangeName") ? text(c, "ChangeName") : "#" + i;
            String identifier = text(c.get("Entity"), "Identifier");
            if (cs.createdIds.containsKey(key) && status.equals("SUCCEEDED")) {
                identifier = cs.createdIds.get(key);
            } else if (identifier != null && identifier.startsWith("$") && status.equals("SUCCEEDED")) {
                identifier = resolve(cs, identifier);
            }
            putIf(entity, "Identifier", identifier);
            if (c.hasNonNull("DetailsDocument")) {
                s.set("DetailsDocument", c.get("DetailsDocument").deepCopy());
            }
            if (c.hasNonNull("Details")) {
                s.put("Details", text(c, "Details"));
            }
            s.set("ErrorDetailList", cs.errors(i));
        }
        return out;
    }

    private static String resolve(ChangeSetRecord cs, String reference) {
        // $<ChangeName>.Entity.Identifier
        String name = reference.substring(1).split("\\.", 2)[0];
        return cs.createdIds.getOrDefault(name, reference);
    }

    private ObjectNode listChangeSets(String account, JsonNode body) {
        catalog(text(body, "Catalog"));
        int max = body.hasNonNull("MaxResults") ? body.get("MaxResults").asInt() : 20;
        if (max < 1 || max > 20) {
            throw ApiError.validation("MaxResults must be between 1 and 20");
        }
        Instant now = now();
        List<ChangeSetRecord> matches = new ArrayList<>();
        for (ChangeSetRecord cs : changeSets.values()) {
            if (cs.account.equals(account) && changeSetMatches(cs, body.get("FilterList"), now)) {
                matches.add(cs);
            }
        }
        JsonNode sort = body.get("Sort");
        if (sort != null && !sort.isNull()) {
            String sortBy = text(sort, "SortBy");
            String sortOrder = text(sort, "SortOrder");
            if (sortBy != null && !sortBy.equals("StartTime") && !sortBy.equals("EndTime")) {
                throw ApiError.validation("Sort.SortBy must be StartTime or EndTime");
            }
            if (sortOrder != null && !sortOrder.equals("ASCENDING") && !sortOrder.equals("DESCENDING")) {
                throw ApiError.validation("Sort.SortOrder must be ASCENDING or DESCENDING");
            }
        }
        boolean byEnd = sort != null && "EndTime".equals(text(sort, "SortBy"));
        boolean ascending = sort != null && "ASCENDING".equals(text(sort, "SortOrder"));
        Comparator<ChangeSetRecord> order = Comparator.comparing(cs -> byEnd
                ? (cs.end(now) == null ? Instant.MAX : cs.end(now)) : cs.start);
        if (!ascending) {
            order = order.reversed();
        }
        matches.sort(order.thenComparing(cs -> cs.id));
        String queryKey = account + "|" + body.get("FilterList") + "|" + sort;
        int from = pageStart(text(body, "NextToken"), queryKey, matches.size());
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("ChangeSetSummaryList");
        for (int i = from; i < Math.min(matches.size(), from + max); i++) {
            ChangeSetRecord cs = matches.get(i);
            ObjectNode s = list.addObject();
            s.put("ChangeSetId", cs.id);
            s.put("ChangeSetArn", cs.arn());
            s.put("ChangeSetName", cs.name);
            s.put("StartTime", Json.isoSeconds(cs.start));
            Instant end = cs.end(now);
            if (end != null) {
                s.put("EndTime", Json.isoSeconds(end));
            }
            String status = cs.status(now);
            s.put("Status", status);
            if (cs.failureCode != null && "FAILED".equals(status)) {
                s.put("FailureCode", cs.failureCode);
            }
            ArrayNode ids = s.putArray("EntityIdList");
            cs.entityIds.forEach(ids::add);
            if (cs.cancelledAt == null && "SUCCEEDED".equals(cs.status(now))) {
                cs.createdIds.values().forEach(ids::add);
            }
        }
        if (from + max < matches.size()) {
            out.put("NextToken", Json.token(queryKey, from + max));
        }
        return out;
    }

    private static boolean changeSetMatches(ChangeSetRecord cs, JsonNode filters, Instant now) {
        if (filters == null || filters.isNull()) {
            return true;
        }
        if (filters.size() > 8) {
            throw ApiError.validation("FilterList holds at most 8 filters");
        }
        for (JsonNode f : filters) {
            String name = text(f, "Name");
            List<String> values = new ArrayList<>();
            f.path("ValueList").forEach(v -> values.add(v.asText()));
            if (values.isEmpty() || values.size() > 10) {
                throw ApiError.validation("Filter " + name + " needs 1 to 10 values");
            }
            Instant end = cs.end(now);
            boolean ok = switch (name == null ? "" : name) {
                case "ChangeSetName" -> values.contains(cs.name);
                case "Status" -> {
                    for (String v : values) {
                        if (!STATUSES.contains(v)) {
                            throw ApiError.validation("Status filter value " + v + " must be one of " + STATUSES);
                        }
                    }
                    yield values.contains(cs.status(now));
                }
                case "EntityId" -> values.stream().anyMatch(v -> cs.entityIds.contains(v) || cs.createdIds.containsValue(v));
                case "BeforeStartTime" -> cs.start.isBefore(time(values.get(0)));
                case "AfterStartTime" -> cs.start.isAfter(time(values.get(0)));
                case "BeforeEndTime" -> end != null && end.isBefore(time(values.get(0)));
                case "AfterEndTime" -> end != null && end.isAfter(time(values.get(0)));
                default -> throw ApiError.validation("Unknown filter " + name);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static Instant time(String value) {
        Instant t = Json.parseInstant(value);
        if (t == null) {
            throw ApiError.validation("Time filter values must be YYYY-MM-DDTHH:MM:SSZ");
        }
        return t;
    }

    private ObjectNode cancelChangeSet(String account, Map<String, String> query) {
        catalog(query.get("catalog"));
        ChangeSetRecord cs = own(account, required(query.get("changeSetId"), "ChangeSetId"));
        synchronized (this) {
            String status = cs.status(now());
            if (status.equals("APPLYING")) {
                throw new ApiError(423, "ResourceInUseException", "Change set " + cs.id + " is already APPLYING");
            }
            if (!status.equals("PREPARING")) {
                throw ApiError.validation("Change set " + cs.id + " is " + status + " and can no longer be cancelled");
            }
            cs.cancelledAt = now();
        }
        return idAndArn(cs);
    }

    /**
     * Ends the change sets whose APPLYING time is over, oldest first: applies every change to working copies of the
     * entities (Create* first, then updates, then releases), checks the business rules of each {@code Offer@1.0}
     * change on the result and, only when no change has an error (and no SERVER_FAULT was injected), stores the
     * entities (one new revision per entity). A failed set changes nothing.
     */
    synchronized void settle() {
        Instant now = now();
        List<ChangeSetRecord> due = new ArrayList<>();
        for (Iterator<ChangeSetRecord> it = unapplied.iterator(); it.hasNext(); ) {
            ChangeSetRecord cs = it.next();
            if (cs.cancelledAt != null) {
                it.remove();
            } else if (cs.outcome == null && !now.isBefore(cs.finishedAt())) {
                due.add(cs);
            }
        }
        due.sort(Comparator.comparing(ChangeSetRecord::finishedAt).thenComparing(cs -> cs.start));
        for (ChangeSetRecord cs : due) {
            finish(cs);
            unapplied.remove(cs);
        }
    }

    private static JsonNode detailsOf(JsonNode change) {
        if (change.hasNonNull("DetailsDocument")) {
            return change.get("DetailsDocument");
        }
        if (change.hasNonNull("Details")) {
            try {
                return Json.MAPPER.readTree(change.get("Details").asText());
            } catch (Exception e) {
                return Json.object();
            }
        }
        return Json.object();
    }

    /** A copy of {@code node} with every {@code $Name.Entity.Identifier} replaced by the created entity's id. */
    private static JsonNode resolved(ChangeSetRecord cs, JsonNode node) {
        if (node.isTextual() && node.asText().startsWith("$")) {
            return Json.MAPPER.getNodeFactory().textNode(resolve(cs, node.asText()));
        }
        if (node.isObject()) {
            ObjectNode out = Json.object();
            node.fields().forEachRemaining(f -> out.set(f.getKey(), resolved(cs, f.getValue())));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = Json.array();
            node.forEach(x -> out.add(resolved(cs, x)));
            return out;
        }
        return node.deepCopy();
    }

    private void finish(ChangeSetRecord cs) {
        Instant at = cs.finishedAt();
        java.time.LocalDate today = java.time.LocalDate.ofInstant(at, java.time.ZoneOffset.UTC);
        int n = cs.changes.size();
        Map<String, ObjectNode> work = new LinkedHashMap<>();
        Map<String, String> workType = new HashMap<>();
        Map<String, ObjectNode> before = new HashMap<>();
        Map<String, Set<String>> typesOn = new HashMap<>();
        Set<String> newReplacements = new HashSet<>();
        String[] ids = new String[n];
        JsonNode[] docs = new JsonNode[n];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt(i -> OfferRules.phase(text(cs.changes.get(i), "ChangeType"))));
        for (int i : order) {
            ObjectNode c = cs.changes.get(i);
            String key = c.hasNonNull("ChangeName") ? text(c, "ChangeName") : "#" + i;
            String changeType = text(c, "ChangeType");
            String type = text(c.get("Entity"), "Type");
            boolean offer = OfferRules.ENTITY_TYPE.equals(type);
            JsonNode doc = resolved(cs, detailsOf(c));
            docs[i] = doc;
            String id;
            if (cs.createdIds.containsKey(key)) {
                id = cs.createdIds.get(key);
                ObjectNode d;
                if (offer) {
                    StoredEntity ra = doc.hasNonNull("ResaleAuthorizationId") ? entities.get(text(doc, "ResaleAuthorizationId")) : null;
                    JsonNode agreement = doc.hasNonNull("AgreementId") ? agreementLookup.apply(text(doc, "AgreementId")) : null;
                    d = OfferRules.created(id, changeType, doc, ra, agreement);
                    if (changeType.startsWith("CreateReplacement")) {
                        newReplacements.add(id);
                    }
                } else {
                    d = created(id, type, doc, cs);
                }
                work.put(id, d);
                workType.put(id, type);
            } else {
                String identifier = text(c.get("Entity"), "Identifier");
                id = identifier.startsWith("$") ? resolve(cs, identifier) : identifier.split("@", 2)[0];
                ObjectNode d = work.get(id);
                if (d == null) {
                    StoredEntity e = entities.get(id);
                    if (e == null) {
                        continue;
                    }
                    d = e.details().deepCopy();
                    work.put(id, d);
                    workType.put(id, e.type());
                    before.put(id, e.details());
                }
                if (offer) {
                    OfferRules.apply(changeType, doc, d);
                } else if (ResaleAuthorizationRules.ENTITY_TYPE.equals(type)) {
                    ResaleAuthorizationRules.apply(changeType, doc, d);
                } else {
                    edit(d, changeType, doc);
                }
            }
            ids[i] = id;
            typesOn.computeIfAbsent(id, x -> new HashSet<>()).add(changeType);
        }
        for (Map.Entry<String, ObjectNode> w : work.entrySet()) {
            StoredEntity ra = resaleAuthorizationOf(w.getValue());
            Set<String> typesOnOffer = typesOn.getOrDefault(w.getKey(), Set.of());
            if (ra != null && typesOnOffer.contains("UpdateMarkup")) {
                ResoldOfferRules.markUp(w.getValue(), ra.details(), typesOnOffer);
            }
        }
        boolean failed = false;
        List<ArrayNode> errors = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ObjectNode c = cs.changes.get(i);
            ArrayNode errs = Json.array();
            if (OfferRules.ENTITY_TYPE.equals(text(c.get("Entity"), "Type")) && ids[i] != null && !cs.serverFault) {
                ObjectNode after = work.get(ids[i]);
                String productId = text(after, "ProductId");
                StoredEntity product = productId == null ? null : entities.get(productId);
                if (productId != null && work.containsKey(productId)) {
                    product = new StoredEntity(workType.get(productId), productId, 0, work.get(productId), at,
                            cs.account, Set.of());
                }
                JsonNode agreement = docs[i].hasNonNull("AgreementId") ? agreementLookup.apply(text(docs[i], "AgreementId")) : null;
                OfferRules.Context ctx = new OfferRules.Context(cs.account, today, before.get(ids[i]), after, product,
                        replacementOffers.contains(ids[i]) || newReplacements.contains(ids[i]), typesOn.get(ids[i]),
                        agreement);
                errs = OfferRules.check(text(c, "ChangeType"), docs[i], ctx);
                if (after.hasNonNull("ResaleAuthorizationId")) {
                    errs.addAll(ResoldOfferRules.check(text(c, "ChangeType"), docs[i], ctx,
                            resaleAuthorizationOf(after)));
                }
                if (ctx.replacement()) {
                    errs.addAll(ReplacementOfferRules.check(text(c, "ChangeType"), docs[i], ctx, entities::get));
                }
                errs.addAll(legalDocumentErrors(text(c, "ChangeType"), docs[i], cs.documentsReadAt));
            } else if (ResaleAuthorizationRules.ENTITY_TYPE.equals(text(c.get("Entity"), "Type")) && ids[i] != null
                    && !cs.serverFault) {
                ObjectNode after = work.get(ids[i]);
                StoredEntity product = entities.get(String.valueOf(text(after, "ProductId")));
                errs = ResaleAuthorizationRules.check(text(c, "ChangeType"), docs[i],
                        new ResaleAuthorizationRules.Context(today, before.get(ids[i]), after, product));
                errs.addAll(legalDocumentErrors(text(c, "ChangeType"), docs[i], cs.documentsReadAt));
            }
            failed |= !errs.isEmpty();
            errors.add(errs);
        }
        cs.errors.addAll(errors);
        if (cs.serverFault) {
            cs.failureCode = "SERVER_FAULT";
            cs.failureDescription = "An internal error occurred while applying the change set; start it again";
            cs.outcome = "FAILED";
            return;
        }
        if (failed) {
            cs.failureCode = "CLIENT_ERROR";
            cs.outcome = "FAILED";
            return;
        }
        if (!"VALIDATE".equals(cs.intent)) {
            for (Map.Entry<String, ObjectNode> w : work.entrySet()) {
                StoredEntity existing = entities.get(w.getKey());
                if (before.containsKey(w.getKey()) && existing != null) {
                    put(existing.revised(w.getValue(), at));
                } else if (!before.containsKey(w.getKey())) {
                    put(new StoredEntity(workType.get(w.getKey()), w.getKey(), 1, w.getValue(), at, cs.account,
                            new CopyOnWriteArraySet<>()));
                }
                // An authorization is shared with its reseller once released, as AWS shares it through RAM.
                String reseller = ResaleAuthorizationRules.ENTITY_TYPE.equals(workType.get(w.getKey()))
                        ? ResaleAuthorizationRules.sharedWith(w.getValue()) : null;
                if (reseller != null) {
                    entities.get(w.getKey()).sharedWith().add(reseller);
                }
            }
            replacementOffers.addAll(newReplacements);
            for (Map.Entry<String, ObjectNode> w : work.entrySet()) {
                StoredEntity ra = resaleAuthorizationOf(w.getValue());
                boolean wasReleased = before.containsKey(w.getKey())
                        && "Released".equals(before.get(w.getKey()).path("State").asText());
                if (ra != null && "Released".equals(w.getValue().path("State").asText()) && !wasReleased) {
                    put(ra.revised(ResoldOfferRules.offerReleased(ra.details()), at));
                }
            }
        }
        cs.outcome = "SUCCEEDED";
    }

    /**
     * AWS reads the custom documents of UpdateLegalTerms (CustomEula, CustomResellerContract) itself, while it
     * processes the change set, and fails the set when it cannot: the asynchronous errors of UpdateLegalTerms,
     * returned by DescribeChangeSet "after a change set is processing", are for an offer (private or channel partner)
     * INVALID_LEGAL_DOCUMENTS "Provide URLs for legal documents stored in accessible S3 buckets."
     * (https://docs.aws.amazon.com/marketplace/latest/APIReference/work-with-private-offers.html#update-legal-terms,
     * .../work-with-cppos.html), for a resale authorization INVALID_BUYER_LEGAL_DOCUMENTS and
     * INVALID_RESALE_LEGAL_DOCUMENTS "Provide URLs for buyer|resale legal documents stored in accessible S3 buckets."
     * (.../work-with-resale-authorizations.html). AWS does not say at which moment of the processing it reads them;
     * processing "can take a few minutes" for an offer and "anywhere from a few minutes to a few hours" for a resale
     * authorization (same pages), so the sandbox reads them as of the latest moment it models, {@link
     * #legalDocumentsReadAfter} after StartChangeSet (3 hours: our reading of "a few hours"). A URL that no longer
     * works then, because it or the credentials that signed it expired, fails the set.
     */
    private ArrayNode legalDocumentErrors(String changeType, JsonNode doc, Instant readAt) {
        ArrayNode errors = Json.array();
        if (!"UpdateLegalTerms".equals(changeType) || readAt == null) {
            return errors;
        }
        Set<String> failedTerms = new java.util.LinkedHashSet<>();
        for (JsonNode term : doc.path("Terms")) {
            for (JsonNode document : term.path("Documents")) {
                String url = document.path("Url").asText(null);
                if (document.path("Type").asText().startsWith("Custom") && url != null
                        && !legalDocumentReadable.test(url, readAt)) {
                    failedTerms.add(term.path("Type").asText());
                }
            }
        }
        for (String term : failedTerms) {
            String kind = switch (term) {
                case "BuyerLegalTerm" -> "BUYER_";
                case "ResaleLegalTerm" -> "RESALE_";
                default -> "";
            };
            errors.addObject().put("ErrorCode", "INVALID_" + kind + "LEGAL_DOCUMENTS")
                    .put("ErrorMessage", "Provide URLs for " + kind.replace("_", " ").toLowerCase(java.util.Locale.ROOT)
                            + "legal documents stored in accessible S3 buckets.");
        }
        return errors;
    }

    /** The resale authorization a channel partner offer is made on, or null. */
    private StoredEntity resaleAuthorizationOf(ObjectNode offer) {
        String id = offer.path("ResaleAuthorizationId").asText(null);
        return id == null ? null : entities.get(id);
    }

    private ObjectNode created(String id, String type, JsonNode doc, ChangeSetRecord cs) {
        ObjectNode d = Json.object();
        if (type.startsWith("Offer")) {
            d.put("Id", id);
            d.put("State", "Draft");
            putIf(d, "Name", text(doc, "Name"));
            String productId = text(doc, "ProductId");
            String ra = text(doc, "ResaleAuthorizationId");
            if (ra != null) {
                d.put("ResaleAuthorizationId", ra);
                StoredEntity raEntity = entities.get(ra);
                if (raEntity != null && productId == null) {
                    productId = text(raEntity.details(), "ProductId");
                }
            }
            putIf(d, "ProductId", productId);
            putIf(d, "OfferSetId", text(doc, "OfferSetId"));
            d.putArray("Terms");
            d.putArray("Rules");
        } else if (type.startsWith("ResaleAuthorization")) {
            StoredEntity product = text(doc, "ProductId") == null ? null : entities.get(text(doc, "ProductId"));
            return ResaleAuthorizationRules.created(doc, product, cs.account, cs.finishedAt());
        } else {
            ObjectNode description = d.putObject("Description");
            putIf(description, "ProductTitle", text(doc, "ProductTitle"));
            description.put("Visibility", "Draft");
            d.putArray("Dimensions");
        }
        return d;
    }

    /** The few edits of entities other than offers and resale authorizations the sandbox models (in place). */
    private static void edit(ObjectNode d, String changeType, JsonNode doc) {
        switch (changeType) {
            case "UpdateInformation" -> {
                putIf(d, "Name", text(doc, "Name"));
                putIf(d, "Description", text(doc, "Description"));
            }
            default -> { }
        }
    }
}
