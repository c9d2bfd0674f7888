package io.mpcrm.connector.offer;

import io.mpcrm.connector.sharedresale.SharedResaleAuthorizations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpcrm.connector.eula.EulaStore;
import io.mpcrm.connector.eula.StoredEula;
import io.mpcrm.connector.marketplace.ChangeSets;
import io.mpcrm.connector.marketplace.SellerAccount;
import io.mpcrm.connector.marketplace.SellerAccounts;
import io.mpcrm.connector.request.MarketplaceRequest;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** Creating an offer with a custom EULA: read and validated once, the file stored, its presigned URL sent. */
class OfferSubmissionTest {

    private static final String ACCOUNT = "111122223333";
    private static final URI PRESIGNED = URI.create("https://eulas.s3.amazonaws.com/eulas/3f2a.pdf?X-Amz-Expires=21600");

    private final OfferRecords records = mock(OfferRecords.class);
    private final EulaStore eulas = mock(EulaStore.class);
    private final ChangeSets changeSets = mock(ChangeSets.class);
    private final SellerAccounts sellerAccounts = mock(SellerAccounts.class);
    private final io.mpcrm.connector.salesforce.SalesforceOrg org = mock(io.mpcrm.connector.salesforce.SalesforceOrg.class);
    private final OfferSubmission submission = new OfferSubmission(records, eulas, changeSets, sellerAccounts,
            mock(SharedResaleAuthorizations.class), Offers.CLOCK, mock(io.mpcrm.connector.request.OnItsWay.class),
            mock(SecondOfferCheck.class), org, Offers.validator(),
            Offers.kinds(OfferKindChanges.class));

    @Test
    void anOfferWithACustomEulaIsReadAndValidatedOnceAndSentWithTheStoredFilesUrl() {
        ObjectNode record = JsonNodeFactory.instance.objectNode().put("Id", "a0B000000000001")
                .put("EULA_Type__c", "CustomEula").put("EULA_Document_Id__c", "069000000000001");
        when(records.record("a0B000000000001", "a00000000000001")).thenReturn(record);
        when(org.id()).thenReturn("00D000000000001");
        when(records.offer(eq(record), anyString())).thenAnswer(call -> Offers.with(Offers.customEula(),
                o -> o.eulaUrl = call.getArgument(1)));
        when(records.product(record)).thenReturn(Offers.SAAS);
        when(sellerAccounts.find(ACCOUNT)).thenReturn(Optional.of(new SellerAccount(ACCOUNT,
                "arn:aws:iam::" + ACCOUNT + ":role/Connector", "us-east-1", "eulas")));
        when(eulas.store(ACCOUNT, "069000000000001", "EULA_Document_Id__c")).thenReturn(new StoredEula("eulas", "eulas/3f2a.pdf", "3f2a",
                PRESIGNED, Offers.CLOCK.instant().plusSeconds(21600)));
        when(changeSets.start(eq(ACCOUNT), any(), anyString(), eq(new io.mpcrm.connector.request.RecordRevision("00D000000000001",
                "a0B000000000001", null).clientRequestToken()))).thenReturn("cs-1");

        submission.submit(new MarketplaceRequest("a05000000000001", "REQ-000001", "CREATE_OFFER", null, null,
                "a00000000000001", ACCOUNT, "a0B000000000001", null, 1, null, null), true);

        verify(records, times(1)).offer(any(), any());
        verify(records, times(1)).product(any());
        ArgumentCaptor<JsonNode> sent = ArgumentCaptor.forClass(JsonNode.class);
        verify(changeSets).start(eq(ACCOUNT), sent.capture(), anyString(), anyString());
        assertThat(sent.getValue().findValues("Documents")).singleElement()
                .satisfies(documents -> assertThat(documents.get(0).path("Url").asText()).isEqualTo(PRESIGNED.toString()));
        assertThat(sent.getValue().toString()).doesNotContain(OfferSubmission.EULA_PLACEHOLDER);
        @SuppressWarnings("unchecked")
        ArgumentCaptor<Map<String, Object>> written = ArgumentCaptor.forClass(Map.class);
        verify(records).write(eq("a0B000000000001"), written.capture());
        assertThat(written.getValue()).containsEntry("EULA_Url__c", "s3://eulas/eulas/3f2a.pdf")
                .containsEntry("Change_Set_Id__c", "cs-1").containsEntry("Status__c", "PREPARING");
    }
}
