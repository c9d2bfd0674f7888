package io.mpcrm.connector.sharedresale;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a channel partner sees of a shared resale authorization after the sync. */
class SharedResaleAuthorizationRowTest {

    @Test
    void theBuyersTheLatestStartAndTheOffersMadeOnItAreKept() throws Exception {
        var details = new ObjectMapper().readTree(("{'Name':'Analytics for Example Corp','Status':'Active',"
                + "'ProductId':'prod-saasacme00001','ManufacturerAccountId':'111122223333',"
                + "'OfferDetails':{'OfferExtendedStatus':'Completed-Used','OfferCreatedCount':1},"
                + "'Terms':[{'Type':'BuyerTargetingTerm','PositiveTargeting':{'BuyerAccounts':[{'AwsAccountId':"
                + "'444455556666'},{'AwsAccountId':'123412341234'}]}},{'Type':'BuyerValidityTerm',"
                + "'MaximumAgreementStartDate':'2027-05-28T00:00:00.000Z'}],"
                + "'Rules':[{'Type':'AvailabilityRule','OffersMaxQuantity':1,'AvailabilityEndDate':"
                + "'2026-12-31T00:00:00.000Z'}]}").replace('\'', '"'));

        Map<String, Object> row = SharedResaleAuthorizationRows.row("resaleauthz-acme000000001", details,
                "a00000000000001", Instant.parse("2026-11-29T00:00:00Z"));

        assertThat(row).containsEntry("Buyer_Accounts__c", "444455556666, 123412341234")
                .containsEntry("Maximum_Agreement_Start_Date__c", "2027-05-28")
                .containsEntry("Offers_Created__c", 1).containsEntry("Offer_Status__c", "Completed-Used")
                .containsEntry("Usage__c", "One-time").containsEntry("Status__c", "Active");
    }

    @Test
    void aCountAwsDoesNotGiveIsLeftOutSoTheRecordKeepsWhatItHolds() throws Exception {
        var details = new ObjectMapper().readTree(("{'Name':'Analytics multi-use','Status':'Active',"
                + "'Rules':[{'Type':'AvailabilityRule','AvailabilityEndDate':'2027-12-31T00:00:00.000Z'}]}")
                .replace('\'', '"'));

        Map<String, Object> row = SharedResaleAuthorizationRows.row("resaleauthz-acme000000002", details,
                "a00000000000001", Instant.parse("2026-11-29T00:00:00Z"));

        assertThat(row).doesNotContainKeys("Offers_Created__c", "Offer_Status__c")
                .containsEntry("Usage__c", "Multi-use");
    }
}
