package io.mpcrm.connector.request;

import io.mpcrm.connector.marketplace.ChangeSets;
import io.mpcrm.connector.salesforce.SObjectField;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeSummary;
import software.amazon.awssdk.services.marketplacecatalog.model.DescribeChangeSetResponse;

/**
 * At most one create per record at a time, whatever the timing: before a create sends anything, it looks whether its
 * record is already on its way to AWS Marketplace, and then sends nothing and says where to look. On its way means a
 * create request on the record, made before this one, has not ended (the requests themselves say so, on whichever
 * replica, before or after a restart: the earliest one goes on, every later one stops here), or the record shows a
 * change set AWS is still preparing or applying. A press of the same kind as what is on its way (Create after Create)
 * ends with that message; one of another kind (Create while a draft is being saved) fails with what to do, because
 * what it asks for will not happen by itself.
 */
@Component
public class OnItsWay {

    private static final Set<String> OPEN = Set.of("PREPARING", "APPLYING");

    private final RequestRecords requests;
    private final ChangeSets changeSets;

    public OnItsWay(RequestRecords requests, ChangeSets changeSets) {
        this.requests = requests;
        this.changeSets = changeSets;
    }

    /**
     * The buttons that send one kind of record to AWS Marketplace.
     *
     * @param noun      what the record is, for messages ("offer")
     * @param buttons   each create action ({@code Action__c}) and the button a seller presses for it
     * @param releasing the actions among them that release the record (the others save a draft)
     * @param refresh   the button that reads the record's change set now
     */
    public record Creates(String noun, SObjectField status, Map<String, String> buttons, Set<String> releasing,
                          String refresh) {

        String button(String action) {
            return buttons.getOrDefault(action, action);
        }
    }

    /**
     * Whether the request's record is already on its way; when it is, the request must send nothing.
     *
     * @param status      the record's {@code Status__c}
     * @param changeSetId the record's {@code Change_Set_Id__c}
     * @return the result a press that sends nothing ends with, or empty when the request may send
     * @throws RequestRejected when what is on its way is another kind of change than the one asked for
     */
    public Optional<String> check(MarketplaceRequest request, Creates creates, String status, String changeSetId) {
        Optional<UnfinishedRequest> earlier = firstBefore(request, List.of(request.targetRecordId()),
                creates.buttons().keySet());
        if (earlier.isPresent()) {
            return byEarlierRequest(request, creates, earlier.get());
        }
        if (status != null && OPEN.contains(status) && changeSetId != null) {
            return byOpenChangeSet(request, creates, status, changeSetId);
        }
        return Optional.empty();
    }

    /** The earliest request with one of the actions, on one of the records, made before this one and not ended. */
    public Optional<UnfinishedRequest> firstBefore(MarketplaceRequest request, List<String> recordIds,
                                                   Set<String> actions) {
        return requests.unfinishedOn(recordIds, actions).stream().filter(other -> other.madeBefore(request))
                .findFirst();
    }

    private static Optional<String> byEarlierRequest(MarketplaceRequest request, Creates creates,
                                                     UnfinishedRequest earlier) {
        String which = "Request " + earlier.name() + " (" + creates.button(earlier.action()) + "), made before this"
                + " one, is already sending this " + creates.noun() + " to AWS Marketplace";
        boolean releases = creates.releasing().contains(earlier.action());
        if (releases == creates.releasing().contains(request.action())) {
            return Optional.of("Nothing sent: " + which + ". Its outcome shows on " + earlier.name() + " and on the "
                    + creates.noun() + "'s Status and Change Set ID.");
        }
        throw new RequestRejected(List.of(new FieldProblem(creates.status().name(), which + (releases
                ? " and releases it: there is nothing to save as a draft. Its outcome shows on " + earlier.name()
                + " and on the " + creates.noun() + "'s Status."
                : " as a draft. Press " + creates.button(request.action()) + " again once " + earlier.name()
                + " has ended and the " + creates.noun() + "'s Status shows Draft."))));
    }

    private Optional<String> byOpenChangeSet(MarketplaceRequest request, Creates creates, String status,
                                             String changeSetId) {
        DescribeChangeSetResponse open = changeSets.describe(request.sellerAccountId(), changeSetId);
        List<String> types = open.changeSet().stream().map(ChangeSummary::changeType).toList();
        boolean releases = types.stream().anyMatch(type -> type.startsWith("Release"));
        boolean sendsRecord = types.stream().anyMatch(type -> type.startsWith("Create") || type.startsWith("Update"));
        String aws = open.statusAsString();
        String which = "Change set " + changeSetId + " (Change Set ID) is already on its way to AWS Marketplace for"
                + " this " + creates.noun() + " (the record shows " + status + ", AWS " + aws + ")";
        String follow = "The " + creates.noun() + "'s Status follows it; " + creates.refresh() + " reads it now.";
        if (releases || sendsRecord) {
            if (releases == creates.releasing().contains(request.action())) {
                return Optional.of("Nothing sent: " + which + ". " + follow);
            }
            throw new RequestRejected(List.of(new FieldProblem(creates.status().name(), which + (releases
                    ? " and releases it: there is nothing to save as a draft. " + follow
                    : " as a draft. Press " + creates.button(request.action()) + " again once the Status shows"
                    + " Draft."))));
        }
        throw new RequestRejected(List.of(new FieldProblem(creates.status().name(), which + ". Press "
                + creates.button(request.action()) + " again once it has ended. " + follow)));
    }
}
