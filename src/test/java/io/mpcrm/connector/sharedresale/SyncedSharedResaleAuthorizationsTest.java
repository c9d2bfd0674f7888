package io.mpcrm.connector.sharedresale;

import io.mpcrm.connector.sharedresale.SyncedSharedResaleAuthorizations;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyncedSharedResaleAuthorizationsTest {

    @Test
    void aRecordReadBackAsSalesforceReturnsItMatchesTheRowTheSyncWroteButNotAChangedOne() {
        Map<String, Object> written = new HashMap<>();
        written.put("Name", "Widget resale");
        written.put("Offers_Created__c", 3);
        written.put("Expiration_Date__c", "2027-01-31");
        written.put("Buyer_Accounts__c", null);
        written.put("ISV_Legal_Name__c", "");
        written.put("Last_Synced_At__c", "2026-11-29T09:00:00Z");
        Map<String, Object> readBack = new HashMap<>(written);
        readBack.put("Offers_Created__c", new BigDecimal("3.0"));
        readBack.put("ISV_Legal_Name__c", null);
        readBack.put("Last_Synced_At__c", "2026-11-28T09:00:00.000+0000");

        assertThat(SyncedSharedResaleAuthorizations.fingerprint(readBack::get))
                .as("same values, as Salesforce gives them back; the sync time alone is no change")
                .isEqualTo(SyncedSharedResaleAuthorizations.fingerprint(written::get));

        readBack.put("Offers_Created__c", new BigDecimal("4.0"));
        assertThat(SyncedSharedResaleAuthorizations.fingerprint(readBack::get))
                .isNotEqualTo(SyncedSharedResaleAuthorizations.fingerprint(written::get));
    }

    @Test
    void aFieldTheRowLeavesOutIsNotCompared() {
        Map<String, Object> held = new HashMap<>();
        held.put("Name", "Widget resale");
        held.put("Offers_Created__c", new BigDecimal("3.0"));
        held.put("Offer_Status__c", "Completed-Usable");
        Map<String, Object> row = new HashMap<>();
        row.put("Name", "Widget resale");

        assertThat(SyncedSharedResaleAuthorizations.same(row, held::get))
                .as("AWS said nothing of the offers made on it: the record keeps its count").isTrue();

        row.put("Offers_Created__c", 4);
        assertThat(SyncedSharedResaleAuthorizations.same(row, held::get)).isFalse();
    }
}
