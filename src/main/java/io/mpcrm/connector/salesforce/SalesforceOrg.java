package io.mpcrm.connector.salesforce;

import org.apache.camel.CamelContext;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.springframework.stereotype.Component;

/**
 * The Salesforce org the connector is logged in to. Record ids are unique within an org, not across orgs (a sandbox
 * refreshed from production keeps production's ids), so whatever the connector derives from a record id for AWS is
 * derived from the org's id too.
 */
@Component
public class SalesforceOrg {

    private final CamelContext camel;

    public SalesforceOrg(CamelContext camel) {
        this.camel = camel;
    }

    /** The org's 15-character id, as camel-salesforce's login read it (the identity URL's first id). */
    public String id() {
        var session = camel.getComponent("salesforce", SalesforceComponent.class).getSession();
        String id = session == null ? null : session.getOrgId();
        if (id == null) {
            throw new SalesforceUnavailable("The connector is not logged in to Salesforce yet.", null);
        }
        return id.length() > 15 ? id.substring(0, 15) : id;
    }
}
