package io.mpcrm.connector.sandbox.marketplace;

import static io.mpcrm.connector.sandbox.marketplace.OfferChangeSets.REF;
import static io.mpcrm.connector.sandbox.marketplace.OfferChangeSets.change;
import static io.mpcrm.connector.sandbox.marketplace.OfferChangeSets.doc;
import static io.mpcrm.connector.sandbox.marketplace.OfferChangeSets.inDays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mpcrm.connector.sandbox.s3.SandboxS3;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.marketplacecatalog.model.Change;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeStatus;
import software.amazon.awssdk.services.marketplacecatalog.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.marketplacecatalog.model.ErrorDetail;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * AWS reads a change set's custom legal documents itself, while it processes the set, hours after StartChangeSet at
 * worst: a presigned URL that no longer works then (it expired, or the session that signed it did) fails the set with
 * the error AWS documents for the entity, and one that still works lets it succeed.
 */
class MarketplaceSandboxLegalDocumentsIT {

    static final String SELLER = "111122223333";
    static final String PARTNER = "999988887777";
    static final String RESELLER = "666677778888";
    static final String BUCKET = "eulas-" + SELLER;
    static final String BUYER = "444455556666";

    static MarketplaceSandbox sandbox;
    static SandboxS3 s3;
    static MarketplaceSandboxClients seller;
    static String saas;

    @BeforeAll
    static void start() {
        sandbox = MarketplaceSandbox.start();
        saas = sandbox.seedDefault(SELLER, PARTNER).products().get(MarketplaceSandbox.ProductType.SAAS);
        sandbox.addAccount(RESELLER);
        sandbox.setChangeSetDelays(Duration.ofMillis(100), Duration.ofMillis(100));
        s3 = SandboxS3.start();
        s3.trust(id -> sandbox.issuedCredentials(id).map(c -> new SandboxS3.Credential(c.secretAccessKey(),
                c.sessionToken(), c.accountId(), c.expiration())));
        s3.createBucket(BUCKET, SELLER);
        seller = new MarketplaceSandboxClients(sandbox, SELLER);
    }

    @AfterAll
    static void stop() {
        seller.close();
        s3.close();
        sandbox.close();
    }

    @Test
    void aCustomEulaWhoseLinkStillWorksHoursLaterIsReadAndTheOfferReleased() {
        String url = stored("eulas/good.pdf", Duration.ofHours(6).plusMinutes(1), Duration.ofHours(6));

        DescribeChangeSetResponse done = awaitEnd(offerWithCustomEula(url));

        assertThat(done.status()).isEqualTo(ChangeStatus.SUCCEEDED);
        assertThat(sandbox.legalDocumentReads()).filteredOn(read -> read.url().equals(url)).singleElement()
                .satisfies(read -> assertThat(read.readable()).isTrue());
    }

    @Test
    void aLinkOfOneHourHasExpiredWhenAwsReadsItAndTheSetFails() {
        String url = stored("eulas/hour.pdf", Duration.ofHours(1), Duration.ofMinutes(59));

        DescribeChangeSetResponse done = awaitEnd(offerWithCustomEula(url));

        assertThat(done.status()).isEqualTo(ChangeStatus.FAILED);
        assertThat(errors(done, "UpdateLegalTerms")).extracting(ErrorDetail::errorCode, ErrorDetail::errorMessage)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("INVALID_LEGAL_DOCUMENTS",
                        "Provide URLs for legal documents stored in accessible S3 buckets."));
        assertThat(sandbox.legalDocumentReads()).filteredOn(read -> read.url().equals(url)).singleElement()
                .satisfies(read -> assertThat(read.readable()).isFalse());
    }

    @Test
    void aLongLinkSignedByAOneHourSessionDiesWithTheSession() {
        String url = stored("eulas/chained.pdf", Duration.ofHours(1), Duration.ofHours(6));

        DescribeChangeSetResponse done = awaitEnd(offerWithCustomEula(url));

        assertThat(done.status()).isEqualTo(ChangeStatus.FAILED);
        assertThat(errors(done, "UpdateLegalTerms")).extracting(ErrorDetail::errorCode)
                .containsExactly("INVALID_LEGAL_DOCUMENTS");
    }

    @Test
    void aResaleAuthorizationNamesWhichOfItsDocumentsAwsCouldNotRead() {
        String eula = stored("eulas/buyer.pdf", Duration.ofHours(6).plusMinutes(1), Duration.ofHours(6));
        String contract = stored("eulas/contract.pdf", Duration.ofHours(1), Duration.ofMinutes(59));
        String create = "CreateResaleAuthorization";
        String ref = "$" + create + ".Entity.Identifier";
        List<Change> changes = List.of(
                Change.builder().changeType(create).changeName(create).entity(e -> e.type("ResaleAuthorization@1.0"))
                        .detailsDocument(doc("{'ProductId':'" + saas + "','Name':'Acme resale','Description':'For"
                                + " Acme','ResellerAccountId':'" + RESELLER + "'}")).build(),
                ra("UpdatePricingTerms", ref, "{'PricingModel':'Contract','Terms':[{'Type':"
                        + "'ResaleConfigurableUpfrontPricingTerm','CurrencyCode':'USD','RateCards':[{'Selector':"
                        + "{'Type':'Duration','Value':'P12M'},'Constraints':{'MultipleDimensionSelection':'Allowed',"
                        + "'QuantityConfiguration':'Allowed'},'RateCard':[{'DimensionKey':'users','Price':'800'}]}]}]}"),
                ra("UpdateLegalTerms", ref, "{'Terms':[{'Type':'BuyerLegalTerm','Documents':[{'Type':'CustomEula',"
                        + "'Url':'" + eula + "'}]},{'Type':'ResaleLegalTerm','Documents':[{'Type':"
                        + "'CustomResellerContract','Url':'" + contract + "'}]}]}"),
                ra("UpdateAvailability", ref, "{'AvailabilityEndDate':'" + inDays(30) + "','OffersMaxQuantity':1}"),
                ra("ReleaseResaleAuthorization", ref, "{}"));

        DescribeChangeSetResponse done = awaitEnd(start(changes));

        assertThat(done.status()).isEqualTo(ChangeStatus.FAILED);
        assertThat(errors(done, "UpdateLegalTerms")).extracting(ErrorDetail::errorCode, ErrorDetail::errorMessage)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("INVALID_RESALE_LEGAL_DOCUMENTS",
                        "Provide URLs for resale legal documents stored in accessible S3 buckets."));
    }

    /**
     * Stores a document in the seller's bucket and presigns a GET of it for {@code validity}, signed with a new
     * session of the seller's role lasting {@code session}.
     */
    private static String stored(String key, Duration session, Duration validity) {
        Credentials c = seller.sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + SELLER + ":role/Connector")
                .roleSessionName("signing").durationSeconds((int) session.toSeconds())).credentials();
        var credentials = StaticCredentialsProvider.create(
                AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
        try (S3Client client = S3Client.builder().endpointOverride(s3.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
             S3Presigner presigner = S3Presigner.builder().endpointOverride(s3.endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(credentials)
                     .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build()) {
            client.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString("%PDF-1.4\n% terms\n%%EOF\n"));
            URI url = URI.create(presigner.presignGetObject(b -> b.signatureDuration(validity)
                    .getObjectRequest(g -> g.bucket(BUCKET).key(key))).url().toString());
            return url.toString();
        }
    }

    private static String offerWithCustomEula(String url) {
        Map<String, Change> offer = OfferChangeSets.saasFlexiblePaymentOffer(saas, BUYER);
        offer.put("UpdateLegalTerms", change("UpdateLegalTerms", REF,
                "{'Terms':[{'Type':'LegalTerm','Documents':[{'Type':'CustomEula','Url':'" + url + "'}]}]}"));
        return start(new ArrayList<>(offer.values()));
    }

    private static Change ra(String changeType, String identifier, String json) {
        return Change.builder().changeType(changeType).changeName(changeType)
                .entity(e -> e.type("ResaleAuthorization@1.0").identifier(identifier)).detailsDocument(doc(json))
                .build();
    }

    private static String start(List<Change> changes) {
        return seller.catalog.startChangeSet(r -> r.catalog("AWSMarketplace").changeSet(changes)).changeSetId();
    }

    private static DescribeChangeSetResponse awaitEnd(String id) {
        return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> seller.catalog.describeChangeSet(r -> r.catalog("AWSMarketplace").changeSetId(id)),
                        cs -> cs.status() == ChangeStatus.SUCCEEDED || cs.status() == ChangeStatus.FAILED);
    }

    private static List<ErrorDetail> errors(DescribeChangeSetResponse changeSet, String changeType) {
        return changeSet.changeSet().stream().filter(c -> c.changeType().equals(changeType))
                .flatMap(c -> c.errorDetailList().stream()).toList();
    }
}
