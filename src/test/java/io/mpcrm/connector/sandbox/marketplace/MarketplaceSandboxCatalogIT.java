package io.mpcrm.connector.sandbox.marketplace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.marketplacecatalog.model.BatchDescribeEntitiesResponse;
import software.amazon.awssdk.services.marketplacecatalog.model.Change;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeStatus;
import software.amazon.awssdk.services.marketplacecatalog.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.marketplacecatalog.model.DescribeEntityResponse;
import software.amazon.awssdk.services.marketplacecatalog.model.EntitySummary;
import software.amazon.awssdk.services.marketplacecatalog.model.ListEntitiesRequest;
import software.amazon.awssdk.services.marketplacecatalog.model.ListEntitiesResponse;
import software.amazon.awssdk.services.marketplacecatalog.model.OwnershipType;
import software.amazon.awssdk.services.marketplacecatalog.model.ResourceInUseException;
import software.amazon.awssdk.services.marketplacecatalog.model.ResourceNotFoundException;
import software.amazon.awssdk.services.marketplacecatalog.model.StartChangeSetResponse;
import software.amazon.awssdk.services.marketplacecatalog.model.ValidationException;

class MarketplaceSandboxCatalogIT {

    static final String SELLER = "111122223333";
    static final String PARTNER = "999988887777";

    static MarketplaceSandbox sandbox;
    static MarketplaceSandbox.Seed seed;
    static MarketplaceSandboxClients seller;
    static MarketplaceSandboxClients partner;

    @BeforeAll
    static void start() {
        sandbox = MarketplaceSandbox.start();
        seed = sandbox.seedDefault(SELLER, PARTNER);
        sandbox.generateProducts(SELLER, 12);
        sandbox.setChangeSetDelays(Duration.ofMillis(300), Duration.ofMillis(300));
        seller = new MarketplaceSandboxClients(sandbox, SELLER);
        partner = new MarketplaceSandboxClients(sandbox, PARTNER);
    }

    @AfterAll
    static void stop() {
        seller.close();
        partner.close();
        sandbox.close();
    }

    private static List<EntitySummary> listAll(MarketplaceSandboxClients c, String type, OwnershipType ownership) {
        List<EntitySummary> all = new ArrayList<>();
        int pages = 0;
        for (ListEntitiesResponse page : c.catalog.listEntitiesPaginator(ListEntitiesRequest.builder()
                .catalog("AWSMarketplace").entityType(type).ownershipType(ownership).maxResults(2).build())) {
            assertThat(page.entitySummaryList()).hasSizeLessThanOrEqualTo(2);
            all.addAll(page.entitySummaryList());
            pages++;
        }
        assertThat(pages).isGreaterThanOrEqualTo((all.size() + 1) / 2);
        return all;
    }

    @Test
    void listsProductsOfEachTypeAcrossPages() {
        for (MarketplaceSandbox.ProductType type : MarketplaceSandbox.ProductType.values()) {
            List<EntitySummary> products = listAll(seller, type.entityType(), OwnershipType.SELF);
            assertThat(products).hasSize(4); // one seeded + three generated
            assertThat(products).extracting(EntitySummary::entityId).doesNotHaveDuplicates()
                    .allMatch(id -> id.matches("prod-[a-z0-9]{13}"));
            assertThat(products).allSatisfy(s -> {
                assertThat(s.entityType()).isEqualTo(type.entityType());
                assertThat(s.lastModifiedDate()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
                String title = switch (type) {
                    case SAAS -> s.saaSProductSummary().productTitle();
                    case AMI -> s.amiProductSummary().productTitle();
                    case CONTAINER -> s.containerProductSummary().productTitle();
                    case DATA -> s.dataProductSummary().productTitle();
                };
                assertThat(title).isEqualTo(s.name()).isNotBlank();
            });
            assertThat(products).extracting(EntitySummary::entityId).contains(seed.products().get(type));
        }
        assertThat(listAll(partner, "SaaSProduct", OwnershipType.SELF)).isEmpty();
    }

    @Test
    void filtersProductsByVisibility() {
        ListEntitiesResponse limited = seller.catalog.listEntities(r -> r.catalog("AWSMarketplace").entityType("SaaSProduct")
                .entityTypeFilters(f -> f.saaSProductFilters(p -> p.visibility(v -> v.valueListWithStrings("Limited")))));
        assertThat(limited.entitySummaryList()).isNotEmpty()
                .allSatisfy(s -> assertThat(s.saaSProductSummary().visibilityAsString()).isEqualTo("Limited"));
        assertThatThrownBy(() -> seller.catalog.listEntities(r -> r.catalog("AWSMarketplace").entityType("SaaSProduct")
                .entityTypeFilters(f -> f.amiProductFilters(p -> p.visibility(v -> v.valueListWithStrings("Public"))))))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void rejectsATokenFromAnotherQuery() {
        String token = seller.catalog.listEntities(r -> r.catalog("AWSMarketplace").entityType("AmiProduct").maxResults(1)).nextToken();
        assertThat(token).isNotNull();
        assertThatThrownBy(() -> seller.catalog.listEntities(r -> r.catalog("AWSMarketplace").entityType("SaaSProduct").nextToken(token)))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> seller.catalog.listEntities(r -> r.catalog("AWSMarketplace").entityType("SaaSProduct").maxResults(51)))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void sharedResaleAuthorizationsReachTheChannelPartnerOnly() {
        List<EntitySummary> shared = listAll(partner, "ResaleAuthorization", OwnershipType.SHARED);
        assertThat(shared).extracting(EntitySummary::entityId).containsExactlyInAnyOrderElementsOf(seed.resaleAuthorizationIds());
        assertThat(shared).allSatisfy(s -> {
            assertThat(s.resaleAuthorizationSummary().resellerAccountID()).isEqualTo(PARTNER);
            assertThat(s.resaleAuthorizationSummary().manufacturerAccountId()).isEqualTo(SELLER);
            assertThat(s.resaleAuthorizationSummary().statusAsString()).isEqualTo("Active");
            assertThat(s.resaleAuthorizationSummary().productId()).startsWith("prod-");
        });
        assertThat(listAll(seller, "ResaleAuthorization", OwnershipType.SHARED)).isEmpty();
        assertThat(listAll(seller, "ResaleAuthorization", OwnershipType.SELF)).hasSize(seed.resaleAuthorizationIds().size());
        assertThat(listAll(partner, "ResaleAuthorization", OwnershipType.SELF)).isEmpty();
        var restricted = partner.catalog.listEntities(r -> r.catalog("AWSMarketplace").entityType("ResaleAuthorization")
                .ownershipType(OwnershipType.SHARED)
                .entityTypeFilters(f -> f.resaleAuthorizationFilters(a -> a.status(s -> s.valueListWithStrings("Restricted")))));
        assertThat(restricted.entitySummaryList()).isEmpty();

        DescribeEntityResponse ra = partner.catalog.describeEntity(r -> r.catalog("AWSMarketplace")
                .entityId(seed.resaleAuthorizationIds().get(0)));
        assertThat(ra.entityType()).isEqualTo("ResaleAuthorization@1.0");
        Map<String, Document> details = ra.detailsDocument().asMap();
        assertThat(details.get("Status").asString()).isEqualTo("Active");
        assertThat(details.get("Terms").asList()).extracting(t -> t.asMap().get("Type").asString())
                .contains("BuyerLegalTerm", "ResaleLegalTerm", "ResaleConfigurableUpfrontPricingTerm");
    }

    @Test
    void describesProductsAsTheSdkParsesThem() {
        String saas = seed.products().get(MarketplaceSandbox.ProductType.SAAS);
        DescribeEntityResponse d = seller.catalog.describeEntity(r -> r.catalog("AWSMarketplace").entityId(saas));
        assertThat(d.entityType()).isEqualTo("SaaSProduct@1.0");
        assertThat(d.entityIdentifier()).isEqualTo(saas + "@1");
        assertThat(d.entityArn()).isEqualTo("arn:aws:aws-marketplace:us-east-1:" + SELLER + ":AWSMarketplace/SaaSProduct/" + saas);
        List<Document> dims = d.detailsDocument().asMap().get("Dimensions").asList();
        assertThat(dims).hasSize(4);
        assertThat(dims.get(0).asMap().get("Key").asString()).isEqualTo("users");
        assertThat(dims.get(0).asMap().get("Types").asList().get(0).asString()).isEqualTo("Entitled");
        assertThat(d.detailsDocument().asMap().get("Description").asMap().get("Visibility").asString()).isEqualTo("Public");

        BatchDescribeEntitiesResponse batch = seller.catalog.batchDescribeEntities(r -> r.entityRequestList(
                e -> e.catalog("AWSMarketplace").entityId(saas),
                e -> e.catalog("AWSMarketplace").entityId(seed.products().get(MarketplaceSandbox.ProductType.AMI)),
                e -> e.catalog("AWSMarketplace").entityId("prod-doesnotexist0")));
        assertThat(batch.entityDetails()).containsOnlyKeys(saas, seed.products().get(MarketplaceSandbox.ProductType.AMI));
        assertThat(batch.entityDetails().get(saas).detailsDocument().asMap().get("Dimensions").asList()).hasSize(4);
        assertThat(batch.errors()).containsOnlyKeys("prod-doesnotexist0");

        // the channel partner does not see the seller's products
        assertThatThrownBy(() -> partner.catalog.describeEntity(r -> r.catalog("AWSMarketplace").entityId(saas)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void aRemovedProductIsNoLongerListed() {
        String gone = sandbox.addProduct(SELLER, MarketplaceSandbox.ProductType.DATA, "Soon gone", "Public");
        sandbox.removeProduct(SELLER, gone);
        assertThat(listAll(seller, "DataProduct", OwnershipType.SELF)).extracting(EntitySummary::entityId).doesNotContain(gone);
        assertThatThrownBy(() -> seller.catalog.describeEntity(r -> r.catalog("AWSMarketplace").entityId(gone)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void startChangeSetIsIdempotentPerClientRequestTokenAndSucceeds() {
        String saas = seed.products().get(MarketplaceSandbox.ProductType.SAAS);
        String token = "request-" + UUID.randomUUID();
        // a releasable offer: the sandbox checks release requirements (name, description, expiry, terms)
        List<Change> offer = List.copyOf(OfferChangeSets.saasFlexiblePaymentOffer(saas, "444455556666").values());
        StartChangeSetResponse first = seller.catalog.startChangeSet(r -> r.catalog("AWSMarketplace")
                .changeSet(offer).clientRequestToken(token));
        StartChangeSetResponse again = seller.catalog.startChangeSet(r -> r.catalog("AWSMarketplace")
                .changeSet(offer).clientRequestToken(token));
        assertThat(again.changeSetId()).isEqualTo(first.changeSetId()).matches("[a-z0-9]{25}");
        assertThat(first.changeSetArn()).endsWith(":AWSMarketplace/ChangeSet/" + first.changeSetId());

        DescribeChangeSetResponse preparing = seller.catalog.describeChangeSet(r -> r.catalog("AWSMarketplace").changeSetId(first.changeSetId()));
        assertThat(preparing.status()).isIn(ChangeStatus.PREPARING, ChangeStatus.APPLYING);
        DescribeChangeSetResponse done = await().atMost(Duration.ofSeconds(10)).until(
                () -> seller.catalog.describeChangeSet(r -> r.catalog("AWSMarketplace").changeSetId(first.changeSetId())),
                d -> d.status() == ChangeStatus.SUCCEEDED);
        assertThat(done.endTime()).isNotNull();
        String offerId = done.changeSet().get(0).entity().identifier();
        assertThat(offerId).matches("offer-[a-z0-9]{13}");
        assertThat(done.changeSet().get(1).entity().identifier()).isEqualTo(offerId);
        DescribeEntityResponse released = seller.catalog.describeEntity(r -> r.catalog("AWSMarketplace").entityId(offerId));
        assertThat(released.detailsDocument().asMap().get("State").asString()).isEqualTo("Released");
        assertThat(released.detailsDocument().asMap().get("ProductId").asString()).isEqualTo(saas);

        assertThat(seller.catalog.listChangeSets(r -> r.catalog("AWSMarketplace")
                .filterList(f -> f.name("EntityId").valueList(offerId))).changeSetSummaryList())
                .extracting(s -> s.changeSetId()).containsExactly(first.changeSetId());
    }

    @Test
    void aLockedEntityAnswersResourceInUseAndCancelReleasesIt() {
        sandbox.setChangeSetDelays(Duration.ofMinutes(5), Duration.ofMillis(300));
        try {
            String offer = seed.offerId();
            Change expire = Change.builder().changeType("UpdateAvailability").entity(e -> e.type("Offer@1.0").identifier(offer))
                    .detailsDocument(Document.mapBuilder().putString("AvailabilityEndDate", "2020-01-01").build()).build();
            StartChangeSetResponse first = seller.catalog.startChangeSet(r -> r.catalog("AWSMarketplace").changeSet(expire));
            assertThatThrownBy(() -> seller.catalog.startChangeSet(r -> r.catalog("AWSMarketplace").changeSet(expire)))
                    .isInstanceOf(ResourceInUseException.class)
                    .satisfies(e -> assertThat(((ResourceInUseException) e).statusCode()).isEqualTo(423));
            seller.catalog.cancelChangeSet(r -> r.catalog("AWSMarketplace").changeSetId(first.changeSetId()));
            assertThat(seller.catalog.describeChangeSet(r -> r.catalog("AWSMarketplace").changeSetId(first.changeSetId())).status())
                    .isEqualTo(ChangeStatus.CANCELLED);
            StartChangeSetResponse second = seller.catalog.startChangeSet(r -> r.catalog("AWSMarketplace").changeSet(expire));
            assertThat(second.changeSetId()).isNotEqualTo(first.changeSetId());
            seller.catalog.cancelChangeSet(r -> r.catalog("AWSMarketplace").changeSetId(second.changeSetId()));
            // a stale revision is refused with the latest one in the message
            Change stale = expire.toBuilder().entity(e -> e.type("Offer@1.0").identifier(offer + "@99")).build();
            assertThatThrownBy(() -> seller.catalog.startChangeSet(r -> r.catalog("AWSMarketplace").changeSet(stale)))
                    .isInstanceOf(ValidationException.class).hasMessageContaining("latest revision is 1");
        } finally {
            sandbox.setChangeSetDelays(Duration.ofMillis(300), Duration.ofMillis(300));
        }
    }
}
