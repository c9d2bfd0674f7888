package io.mpcrm.connector.salesforce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectComposite;

/**
 * Record writes Salesforce makes in one transaction, all or none: they go as one composite request with
 * {@code allOrNone} ({@code POST /services/data/vXX.X/composite}), so that a refused insert leaves the deleted rows in
 * place. A record created here can be named by a later write of the same transaction, through the reference
 * {@link #create} returns. Sent by {@link SalesforceRecords#write}.
 *
 * <p>Salesforce's limits for one composite request: at most 25 subrequests, at most 5 of them sObject Collections
 * (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_composite_post.htm);
 * each collection holds at most 200 records.
 */
public final class AllOrNone {

    static final int MAX_SUBREQUESTS = 25;
    static final int MAX_COLLECTIONS = 5;

    /** One subrequest: its method, its path after {@code /services/data/vXX.X}, its body and its reference id. */
    record Step(SObjectComposite.Method method, String path, Object body, String referenceId, boolean collection) {
    }

    private final List<Step> steps = new ArrayList<>();

    /** Deletes the records (of any objects), 200 per subrequest. */
    public AllOrNone deleteAll(List<String> ids) {
        for (int from = 0; from < ids.size(); from += SalesforceRecords.COLLECTION_LIMIT) {
            String chunk = String.join(",", ids.subList(from, Math.min(ids.size(), from + SalesforceRecords.COLLECTION_LIMIT)));
            steps.add(new Step(SObjectComposite.Method.DELETE, "/composite/sobjects?ids=" + chunk + "&allOrNone=true",
                    null, "delete" + steps.size(), true));
        }
        return this;
    }

    /**
     * Creates one record.
     *
     * @return a reference to its id that later writes of this transaction may use as a field value
     */
    public String create(String sobject, Map<String, ?> fields) {
        String referenceId = "record" + steps.size();
        steps.add(new Step(SObjectComposite.Method.POST, "/sobjects/" + sobject, new LinkedHashMap<>(fields),
                referenceId, false));
        return "@{" + referenceId + ".id}";
    }

    /** Creates the records, 200 per subrequest. */
    public AllOrNone createAll(String sobject, List<? extends Map<String, ?>> records) {
        for (int from = 0; from < records.size(); from += SalesforceRecords.COLLECTION_LIMIT) {
            List<Map<String, Object>> chunk = new ArrayList<>();
            for (Map<String, ?> fields : records.subList(from, Math.min(records.size(),
                    from + SalesforceRecords.COLLECTION_LIMIT))) {
                Map<String, Object> record = new LinkedHashMap<>();
                record.put("attributes", Map.of("type", sobject));
                record.putAll(fields);
                chunk.add(record);
            }
            steps.add(new Step(SObjectComposite.Method.POST, "/composite/sobjects",
                    Map.of("allOrNone", true, "records", chunk), "records" + steps.size(), true));
        }
        return this;
    }

    boolean isEmpty() {
        return steps.isEmpty();
    }

    List<Step> steps() {
        return List.copyOf(steps);
    }

    /** The composite request camel-salesforce sends, all or none. */
    SObjectComposite composite(String apiVersion) {
        long collections = steps.stream().filter(Step::collection).count();
        if (steps.size() > MAX_SUBREQUESTS || collections > MAX_COLLECTIONS) {
            throw new IllegalArgumentException("These writes need " + steps.size() + " subrequests, " + collections
                    + " of them collections of up to 200 records; one Salesforce transaction takes at most "
                    + MAX_SUBREQUESTS + " and " + MAX_COLLECTIONS + ".");
        }
        SObjectComposite composite = new SObjectComposite(apiVersion, true);
        for (Step step : steps) {
            if (step.body() == null) {
                composite.addGeneric(step.method(), step.path(), step.referenceId());
            } else {
                composite.addGeneric(step.method(), step.path(), step.body(), step.referenceId());
            }
        }
        return composite;
    }
}
