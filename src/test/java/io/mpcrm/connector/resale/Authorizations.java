package io.mpcrm.connector.resale;

import io.mpcrm.connector.offer.OfferProduct;
import io.mpcrm.connector.offer.ProductDimension;
import io.mpcrm.connector.terms.ScheduledCharge;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Resale authorizations an ISV would fill in, as a small editable fixture for the validator and builder tests. */
final class Authorizations {

    static final LocalDate TODAY = LocalDate.of(2026, 3, 2);
    static final String SELLER = "111122223333";
    static final String RESELLER = "555566667777";
    static final OfferProduct SAAS = new OfferProduct("prod-saas123456789", OfferProduct.SAAS, List.of(
            new ProductDimension("Users", Set.of("Entitled")), new ProductDimension("Admins", Set.of("Entitled")),
            new ProductDimension("ApiCalls", Set.of("ExternallyMetered"))));
    static final OfferProduct AMI = new OfferProduct("prod-ami1234567890", OfferProduct.AMI, List.of(
            new ProductDimension("m5.large", Set.of("Metered"))));

    /** The fields of the record, editable, then frozen into a {@link ResaleAuthorization}. */
    static final class Draft {
        /** Set once AWS holds the authorization (as a draft saved earlier). */
        String authorizationId;
        String name = "Acme resale 2026";
        String description = "Wholesale terms for Acme Reseller";
        String productId = SAAS.productId();
        String reseller = RESELLER;
        List<String> buyers = new ArrayList<>();
        String pricingModel = ResaleAuthorization.CONTRACT;
        String currency = "USD";
        String serviceLength = "P12M";
        String usage = ResaleAuthorization.MULTI_USE;
        LocalDate expiration = TODAY.plusDays(90);
        LocalDate maximumAgreementStart;
        boolean zeroDollar;
        boolean installments;
        String buyerEula = "StandardEula";
        boolean eulaAttached;
        String contract = "StandardResellerContract";
        boolean contractAttached;
        boolean renewal;
        String renewalChannel;
        String renewalPricing;
        List<WholesaleRate> rates = new ArrayList<>(List.of(upfront("Users", "800"), upfront("Admins", "1200.5")));
        List<ScheduledCharge> schedule = new ArrayList<>();

        ResaleAuthorization build() {
            return new ResaleAuthorization("a0R000000000001AAA", authorizationId, name, description, productId, reseller,
                    buyers, pricingModel, currency, serviceLength, usage, expiration, maximumAgreementStart,
                    zeroDollar, installments, buyerEula, eulaAttached, null, contract, contractAttached, null, renewal,
                    renewalChannel, renewalPricing, rates, schedule);
        }
    }

    static ResaleAuthorization contract() {
        return new Draft().build();
    }

    static ResaleAuthorization with(Consumer<Draft> edit) {
        Draft draft = new Draft();
        edit.accept(draft);
        return draft.build();
    }

    static WholesaleRate upfront(String key, String rate) {
        return new WholesaleRate(key, new BigDecimal(rate), WholesaleRate.UPFRONT, null);
    }

    static WholesaleRate usage(String key, String rate) {
        return new WholesaleRate(key, new BigDecimal(rate), WholesaleRate.USAGE, null);
    }

    static ScheduledCharge charge(LocalDate date, String amount) {
        return new ScheduledCharge(date, new BigDecimal(amount));
    }

    /** One-time, with an expiry, Contract pricing paid in installments. */
    static void paymentSchedule(Draft d) {
        d.usage = ResaleAuthorization.ONE_TIME;
        d.installments = true;
        d.rates = new ArrayList<>(List.of(new WholesaleRate("Users", null, WholesaleRate.UPFRONT, 20)));
        d.schedule = new ArrayList<>(List.of(charge(TODAY.plusDays(10), "5000"), charge(TODAY.plusDays(100), "5000")));
    }

    private Authorizations() {
    }
}
