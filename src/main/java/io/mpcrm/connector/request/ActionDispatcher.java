package io.mpcrm.connector.request;

import io.mpcrm.connector.fields.RequestFields;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Hands a claimed request to the action that handles its {@code Action__c}. */
@Component
public class ActionDispatcher {

    private final Map<String, RequestAction> actions;

    public ActionDispatcher(List<RequestAction> actions) {
        this.actions = actions.stream()
                .collect(Collectors.toMap(RequestAction::action, Function.identity(), (a, b) -> {
                    throw new IllegalStateException("Two handlers for action " + a.action());
                }, TreeMap::new));
    }

    /** Performs the request and returns its result; an action this connector does not handle is rejected. */
    public String dispatch(MarketplaceRequest request) {
        RequestAction action = request.action() == null ? null : actions.get(request.action());
        if (action == null) {
            throw new RequestRejected(List.of(new FieldProblem(RequestFields.ACTION.name(),
                    (request.action() == null ? "The request has no action." : "This connector does not handle the action "
                            + request.action() + " yet.") + " Actions it handles: " + String.join(", ", actions.keySet())
                            + ".")));
        }
        return action.perform(request);
    }

    /** What the request's action says it works on besides its target ({@link RequestAction#subjects}). */
    public List<String> subjects(MarketplaceRequest request) {
        RequestAction action = request.action() == null ? null : actions.get(request.action());
        try {
            return action == null ? List.of() : action.subjects(request);
        } catch (RequestRejected unreadable) {
            // The action itself refuses the request, with its reason, once it runs.
            return List.of();
        }
    }
}
