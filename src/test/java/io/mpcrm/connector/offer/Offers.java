package io.mpcrm.connector.offer;

import io.mpcrm.connector.agreementoffer.AgreementBasedOfferKind;
import io.mpcrm.connector.agreementoffer.ChannelPartnerAgreementBasedOfferKind;
import io.mpcrm.connector.channeloffer.ChannelPartnerOfferKind;
import io.mpcrm.connector.terms.OfferDimension;
import io.mpcrm.connector.terms.ScheduledCharge;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** A seller's products and one valid offer per pricing variant, as of {@link #TODAY}. */
public final class Offers {

    public static final LocalDate TODAY = LocalDate.parse("2026-03-02");
    public static final Clock CLOCK = Clock.fixed(TODAY.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    public static final LocalDate EXPIRES = LocalDate.parse("2026-03-31");
    public static final String EULA_URL = "https://eulas.example.com/acme/3f2a9c.pdf?X-Amz-Signature=abc";

    /** The AWS account of the seller account the offers are made for, and its products were synced for. */
    public static final String SELLER = "111122223333";
    public static final OfferProduct SAAS = new OfferProduct("prod-saasacme00001", "SaaS", List.of(
            new ProductDimension("Users", Set.of("Entitled")),
            new ProductDimension("Admins", Set.of("Entitled")),
            new ProductDimension("ApiCalls", Set.of("ExternallyMetered"))), SELLER);
    public static final OfferProduct AMI = new OfferProduct("prod-amiacme000001", "AMI", List.of(
            new ProductDimension("m5.large", Set.of("Metered")),
            new ProductDimension("m5.xlarge", Set.of("Metered"))), SELLER);
    public static final OfferProduct AMI_CONTRACT = new OfferProduct("prod-amiacme000002", "AMI", List.of(
            new ProductDimension("ReadOnlyUsers", Set.of("Entitled"))), SELLER);
    public static final OfferProduct CONTAINER = new OfferProduct("prod-containeracme1", "Container", List.of(
            new ProductDimension("Nodes", Set.of("Entitled"))), SELLER);
    public static final OfferProduct DATA = new OfferProduct("prod-dataacme00001", "Data", List.of(), SELLER);
    /** A product synced for another seller account of the same org (a second AWS account of the company). */
    public static final OfferProduct OTHER_ACCOUNTS_SAAS = new OfferProduct("prod-otheraccount01", "SaaS",
            SAAS.dimensions(), "999988887777");

    private Offers() {
    }

    /** Every kind of offer, each from its package, as the application's beans are, in its {@code role}. */
    public static <K> List<K> kinds(Class<K> role) {
        return Stream.of(new DirectOfferKind(), new AgreementBasedOfferKind(),
                new ChannelPartnerAgreementBasedOfferKind(), new ChannelPartnerOfferKind()).map(role::cast).toList();
    }

    /** The validator as the application builds it: with the rules of every kind of offer. */
    public static OfferValidator validator() {
        return new OfferValidator(kinds(OfferKindRules.class));
    }

    /** The change-set builder as the application builds it, with every kind of offer, on {@link #CLOCK}. */
    public static OfferChangeSetBuilder changeSetBuilder() {
        return new OfferChangeSetBuilder(CLOCK, kinds(OfferKindChanges.class));
    }

    public static PrivateOffer saasContract() {
        return new PrivateOffer("a0B000000000001", null, "Acme Analytics for Example Corp",
                "Twelve months of Acme Analytics, 10 users and 2 admins", SAAS.productId(),
                List.of("111111111111", "222222222222"), "Contract", "USD", "P12M", null, null, EXPIRES,
                false, false, "StandardEula", null, false, false, null, null,
                List.of(upfront("Users", "120.00"), upfront("Admins", "200")), List.of(), false);
    }

    public static PrivateOffer saasContractWithConsumption() {
        return with(saasContract(), o -> o.dimensions.add(usage("ApiCalls", "0.015")));
    }

    public static PrivateOffer saasUsage() {
        return with(saasContract(), o -> {
            o.pricingModel = "Usage";
            o.serviceLength = "P30D";
            o.dimensions = new ArrayList<>(List.of(usage("ApiCalls", "0.00012345")));
        });
    }

    public static PrivateOffer amiHourly() {
        return with(saasContract(), o -> {
            o.productId = AMI.productId();
            o.pricingModel = "Usage";
            o.serviceLength = null;
            o.dimensions = new ArrayList<>(List.of(usage("m5.large", "0.12"), usage("m5.xlarge", "0.24")));
        });
    }

    public static PrivateOffer amiHourlyAndAnnual() {
        return with(amiHourly(), o -> {
            o.serviceLength = "P365D";
            o.dimensions.add(upfront("m5.large", "800"));
            o.dimensions.add(upfront("m5.xlarge", "1600"));
        });
    }

    public static PrivateOffer amiContract() {
        return with(saasContract(), o -> {
            o.productId = AMI_CONTRACT.productId();
            o.dimensions = new ArrayList<>(List.of(upfront("ReadOnlyUsers", "220.00")));
        });
    }

    public static PrivateOffer containerContract() {
        return with(saasContract(), o -> {
            o.productId = CONTAINER.productId();
            o.currency = "EUR";
            o.dimensions = new ArrayList<>(List.of(upfront("Nodes", "500")));
        });
    }

    /** 10 users for a year, paid in four quarterly installments. */
    public static PrivateOffer saasContractWithInstallments() {
        return with(saasContract(), o -> {
            o.installmentsEnabled = true;
            o.dimensions = new ArrayList<>(List.of(new OfferDimension("Users", null, "Upfront", 10)));
            o.schedule = new ArrayList<>(List.of(charge("2026-03-10", "3000.00"), charge("2026-06-10", "3000"),
                    charge("2026-09-10", "3000"), charge("2026-12-10", "3000.50")));
        });
    }

    public static PrivateOffer amiAnnualWithInstallments() {
        return with(amiHourly(), o -> {
            o.serviceLength = "P365D";
            o.installmentsEnabled = true;
            o.dimensions.add(new OfferDimension("m5.large", null, "Upfront", 2));
            o.schedule = new ArrayList<>(List.of(charge("2026-03-15", "800"), charge("2026-09-15", "800")));
        });
    }

    public static PrivateOffer futureDatedSaas() {
        return with(saasContract(), o -> {
            o.serviceLength = null;
            o.serviceStart = LocalDate.parse("2026-06-01");
            o.serviceEnd = LocalDate.parse("2027-05-31");
        });
    }

    public static PrivateOffer zeroDollar() {
        return with(saasContract(), o -> {
            o.pricingModel = "Free";
            o.zeroDollar = true;
            o.dimensions = new ArrayList<>(List.of(upfront("Users", "0"), upfront("Admins", "0.00")));
        });
    }

    public static PrivateOffer renewal() {
        return with(saasContract(), o -> {
            o.renewal = true;
            o.renewalChannel = "External";
            o.renewalPricingModel = "Contract";
        });
    }

    public static PrivateOffer customEula() {
        return with(saasContract(), o -> {
            o.eulaType = "CustomEula";
            o.customEulaAttached = true;
            o.eulaUrl = EULA_URL;
        });
    }

    public static PrivateOffer tieredSaasContract() {
        return with(saasContract(), o -> o.tiered = true);
    }

    public static OfferDimension upfront(String key, String rate) {
        return new OfferDimension(key, new BigDecimal(rate), "Upfront", null);
    }

    public static OfferDimension usage(String key, String rate) {
        return new OfferDimension(key, new BigDecimal(rate), "Usage", null);
    }

    public static ScheduledCharge charge(String date, String amount) {
        return new ScheduledCharge(LocalDate.parse(date), new BigDecimal(amount));
    }

    public static OfferProduct productOf(PrivateOffer offer) {
        return List.of(SAAS, AMI, AMI_CONTRACT, CONTAINER, DATA, OTHER_ACCOUNTS_SAAS).stream()
                .filter(p -> p.productId().equals(offer.productId())).findFirst().orElseThrow();
    }

    public static PrivateOffer with(PrivateOffer offer, Consumer<Draft> change) {
        Draft draft = new Draft(offer);
        change.accept(draft);
        return draft.build();
    }

    /** A private offer being edited, field by field, as the seller would on the record. */
    public static final class Draft {
        public String recordId;
        public String offerId;
        public String name;
        public String description;
        public String productId;
        public List<String> buyerAccounts;
        public String pricingModel;
        public String currency;
        public String serviceLength;
        public LocalDate serviceStart;
        public LocalDate serviceEnd;
        public LocalDate expirationDate;
        public boolean zeroDollar;
        public boolean installmentsEnabled;
        public String eulaType;
        public String eulaUrl;
        public boolean customEulaAttached;
        public boolean renewal;
        public String renewalChannel;
        public String renewalPricingModel;
        public List<OfferDimension> dimensions;
        public List<ScheduledCharge> schedule;
        public boolean tiered;
        public OfferOrigin origin;

        Draft(PrivateOffer o) {
            recordId = o.recordId();
            offerId = o.offerId();
            name = o.name();
            description = o.description();
            productId = o.productId();
            buyerAccounts = new ArrayList<>(o.buyerAccounts());
            pricingModel = o.pricingModel();
            currency = o.currency();
            serviceLength = o.serviceLength();
            serviceStart = o.serviceStart();
            serviceEnd = o.serviceEnd();
            expirationDate = o.expirationDate();
            zeroDollar = o.zeroDollar();
            installmentsEnabled = o.installmentsEnabled();
            eulaType = o.eulaType();
            eulaUrl = o.eulaUrl();
            customEulaAttached = o.customEulaAttached();
            renewal = o.renewal();
            renewalChannel = o.renewalAcquisitionChannel();
            renewalPricingModel = o.renewalPricingModel();
            dimensions = new ArrayList<>(o.dimensions());
            schedule = new ArrayList<>(o.schedule());
            tiered = o.tiered();
            origin = o.origin();
        }

        PrivateOffer build() {
            return new PrivateOffer(recordId, offerId, name, description, productId, buyerAccounts, pricingModel,
                    currency, serviceLength, serviceStart, serviceEnd, expirationDate, zeroDollar,
                    installmentsEnabled, eulaType, eulaUrl, customEulaAttached, renewal, renewalChannel,
                    renewalPricingModel, dimensions, schedule, tiered, origin);
        }
    }
}
