package io.mpcrm.connector.offer;

import io.mpcrm.connector.agreementoffer.AgreementBasedOffers;
import io.mpcrm.connector.channeloffer.ChannelPartnerOffers;

import io.mpcrm.connector.terms.OfferDimension;
import io.mpcrm.connector.sharedresale.SharedResaleAuthorization;
import static io.mpcrm.connector.channeloffer.ChannelPartnerOffers.contractAuthorization;
import static io.mpcrm.connector.channeloffer.ChannelPartnerOffers.installmentAuthorization;
import static io.mpcrm.connector.offer.Offers.TODAY;
import static io.mpcrm.connector.offer.Offers.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.mpcrm.connector.request.FieldProblem;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Walks {@link OfferTerm}'s table: every valid offer of every kind sends exactly the terms the table says it sends,
 * and every term the table says is sent or checked has a mistake the validator refuses on one of the term's fields.
 * An offer that says less than it sends, or sends what was never checked, fails here.
 */
class OfferTermTest {

    private final OfferValidator validator = Offers.validator();
    private final OfferChangeSetBuilder builder = Offers.changeSetBuilder();

    /** Valid offers of every kind, each with the authorization a channel partner's offer is made on. */
    private static Map<String, Sample> validOffers() {
        Map<String, Sample> offers = new LinkedHashMap<>();
        offers.put("SaaS contract", direct(Offers.saasContract()));
        offers.put("SaaS contract in installments", direct(Offers.saasContractWithInstallments()));
        offers.put("SaaS contract in installments at its rates", direct(OfferValidatorTest.tenUsersAt1200PaidIn(
                Offers.charge("2026-04-01", "6000"), Offers.charge("2026-10-01", "6000"))));
        offers.put("SaaS contract with consumption", direct(Offers.saasContractWithConsumption()));
        offers.put("SaaS usage", direct(Offers.saasUsage()));
        offers.put("AMI hourly (no validity term)", direct(Offers.amiHourly()));
        offers.put("AMI annual in installments", direct(Offers.amiAnnualWithInstallments()));
        offers.put("future dated SaaS", direct(Offers.futureDatedSaas()));
        offers.put("zero dollar", direct(Offers.zeroDollar()));
        offers.put("renewal", direct(Offers.renewal()));
        offers.put("custom EULA", direct(Offers.customEula()));
        offers.put("agreement based", direct(AgreementBasedOffers.agreementBased()));
        offers.put("agreement based in installments", direct(with(AgreementBasedOffers.agreementBased(),
                o -> {
                    o.installmentsEnabled = true;
                    o.dimensions = new ArrayList<>(List.of(new OfferDimension("Users", null, "Upfront", 10)));
                    o.schedule = new ArrayList<>(List.of(Offers.charge("2026-05-01", "4000")));
                })));
        offers.put("channel partner, marked up", new Sample(ChannelPartnerOffers.markedUpContract(),
                contractAuthorization()));
        offers.put("channel partner, the ISV's installments marked up", new Sample(
                ChannelPartnerOffers.markedUpInstallments(), installmentAuthorization()));
        offers.put("channel partner, own installments", new Sample(ChannelPartnerOffers.ownInstallments(
                Offers.charge("2026-04-15", "700.00"), Offers.charge("2026-10-15", "600.00")),
                installmentAuthorization()));
        offers.put("channel partner, own EULA, renewal", new Sample(with(ChannelPartnerOffers.markedUpContract(), o -> {
            o.eulaType = "CustomEula";
            o.customEulaAttached = true;
            o.eulaUrl = Offers.EULA_URL;
            o.renewal = true;
            o.renewalChannel = "AwsMarketplace";
            o.renewalPricingModel = "Contract";
        }), contractAuthorization()));
        offers.put("channel partner agreement based", new Sample(
                AgreementBasedOffers.channelPartnerAgreementBased(), contractAuthorization()));
        offers.put("channel partner agreement based in own installments", new Sample(
                AgreementBasedOffers.channelPartnerAgreementBasedInInstallments(), contractAuthorization()));
        return offers;
    }

    @Test
    void everyValidOfferSendsExactlyTheTermsTheTableSaysItSends() {
        validOffers().forEach((story, sample) -> {
            assertThat(problems(sample)).as("%s is valid", story).isEmpty();
            ArrayNode changes = builder.create(sample.offer(), product(sample.offer()), true);

            for (OfferTerm term : OfferTerm.values()) {
                boolean sent = sent(changes, term, sample.offer());
                assertThat(sent).as("%s: %s is sent (the table says %s)", story, term,
                        term.coverage(sample.offer())).isEqualTo(term.coverage(sample.offer())
                        == OfferTerm.Coverage.SENT);
            }
            assertThat(changes).as("%s: every change is a term of the table, or the release", story)
                    .allSatisfy(change -> assertThat(change.path("ChangeType").asText()).isIn(changeTypes(sample)));
        });
    }

    @Test
    void everyTermTheTableSaysIsSentOrCheckedHasAMistakeTheValidatorRefusesOnOneOfItsFields() {
        Map<OfferOrigin.Type, Set<OfferTerm>> covered = new EnumMap<>(OfferOrigin.Type.class);
        validOffers().values().forEach(sample -> {
            for (OfferTerm term : OfferTerm.values()) {
                if (term.coverage(sample.offer()) != OfferTerm.Coverage.NONE) {
                    covered.computeIfAbsent(sample.offer().origin().type(), t -> EnumSet.noneOf(OfferTerm.class))
                            .add(term);
                }
            }
        });
        Map<OfferOrigin.Type, Map<OfferTerm, Sample>> mistakes = mistakes();

        covered.forEach((type, terms) -> terms.forEach(term -> {
            Sample mistake = mistakes.getOrDefault(type, Map.of()).get(term);
            assertThat(mistake).as("a mistake in %s of a %s offer", term, type).isNotNull();
            assertThat(mistake.offer().origin().type()).isEqualTo(type);
            assertThat(problems(mistake)).as("%s of a %s offer", term, type)
                    .anySatisfy(problem -> assertThat(term.names(problem.field()))
                            .as("%s names %s", problem.field(), term).isTrue());
        }));
    }

    /** One mistake per kind of offer and term, on a valid offer of that kind. */
    private static Map<OfferOrigin.Type, Map<OfferTerm, Sample>> mistakes() {
        Map<OfferOrigin.Type, Map<OfferTerm, Sample>> all = new EnumMap<>(OfferOrigin.Type.class);

        Map<OfferTerm, Sample> direct = new EnumMap<>(OfferTerm.class);
        PrivateOffer contract = Offers.saasContract();
        direct.put(OfferTerm.CREATION, direct(with(contract, o -> o.productId = Offers.DATA.productId())));
        direct.put(OfferTerm.INFORMATION, direct(with(contract, o -> o.name = " ")));
        direct.put(OfferTerm.RENEWAL, direct(with(Offers.renewal(), o -> o.renewalChannel = null)));
        direct.put(OfferTerm.TARGETING, direct(with(contract, o -> o.buyerAccounts.clear())));
        direct.put(OfferTerm.PRICING, direct(with(contract, o -> o.dimensions.set(0, Offers.upfront("Users", "-1")))));
        direct.put(OfferTerm.LEGAL, direct(with(contract, o -> o.eulaType = null)));
        direct.put(OfferTerm.AVAILABILITY, direct(with(contract, o -> o.expirationDate = null)));
        direct.put(OfferTerm.VALIDITY, direct(with(contract, o -> o.serviceLength = "P2W")));
        direct.put(OfferTerm.PAYMENT_SCHEDULE, direct(with(Offers.saasContractWithInstallments(),
                o -> o.schedule.set(0, Offers.charge("2026-03-01", "3000")))));
        all.put(OfferOrigin.Type.DIRECT, direct);

        Map<OfferTerm, Sample> agreementBased = new EnumMap<>(OfferTerm.class);
        PrivateOffer replacement = AgreementBasedOffers.agreementBased();
        agreementBased.put(OfferTerm.CREATION, direct(with(replacement, o -> o.origin = new OfferOrigin(
                OfferOrigin.Type.AGREEMENT_BASED, null, null, null))));
        agreementBased.put(OfferTerm.INFORMATION, direct(with(replacement, o -> o.description = null)));
        agreementBased.put(OfferTerm.RENEWAL, direct(with(replacement, o -> {
            o.renewal = true;
            o.renewalChannel = "External";
        })));
        agreementBased.put(OfferTerm.TARGETING, direct(with(replacement, o -> o.buyerAccounts.add("333333333333"))));
        agreementBased.put(OfferTerm.PRICING, direct(with(replacement, o -> o.dimensions.clear())));
        agreementBased.put(OfferTerm.LEGAL, direct(with(replacement, o -> o.eulaType = "CustomEula")));
        agreementBased.put(OfferTerm.AVAILABILITY, direct(with(replacement, o -> o.expirationDate = TODAY.minusDays(1))));
        agreementBased.put(OfferTerm.VALIDITY, direct(with(replacement, o -> o.serviceEnd = null)));
        agreementBased.put(OfferTerm.PAYMENT_SCHEDULE, direct(with(replacement, o -> {
            o.installmentsEnabled = true;
            o.dimensions = new ArrayList<>(List.of(new OfferDimension("Users", null, "Upfront", 10)));
            o.schedule = new ArrayList<>(List.of(Offers.charge("2026-03-01", "4000")));
        })));
        all.put(OfferOrigin.Type.AGREEMENT_BASED, agreementBased);

        Map<OfferTerm, Sample> partner = new EnumMap<>(OfferTerm.class);
        PrivateOffer resold = ChannelPartnerOffers.markedUpContract();
        SharedResaleAuthorization ra = contractAuthorization();
        partner.put(OfferTerm.CREATION, new Sample(resold, ChannelPartnerOffers.with(ra, "Restricted",
                ra.expiration(), false, 0, "Not Started", List.of(), null)));
        partner.put(OfferTerm.INFORMATION, new Sample(with(resold, o -> o.name = null), ra));
        partner.put(OfferTerm.RENEWAL, new Sample(with(resold, o -> {
            o.renewal = true;
            o.renewalPricingModel = "Contract";
        }), ra));
        partner.put(OfferTerm.TARGETING, new Sample(resold, ChannelPartnerOffers.with(ra, "Active", ra.expiration(),
                false, 0, "Not Started", List.of("999999999999"), null)));
        partner.put(OfferTerm.PRICING, new Sample(with(resold, o -> o.currency = "EUR"), ra));
        partner.put(OfferTerm.LEGAL, new Sample(with(resold, o -> o.eulaType = "EnterpriseEula"), ra));
        partner.put(OfferTerm.AVAILABILITY, new Sample(with(resold, o -> o.expirationDate = LocalDate.parse(
                "2026-07-15")), ra));
        partner.put(OfferTerm.VALIDITY, new Sample(with(resold, o -> o.serviceLength = "P24M"), ra));
        partner.put(OfferTerm.PAYMENT_SCHEDULE, new Sample(ChannelPartnerOffers.ownInstallments(
                Offers.charge("2026-05-15", "600.00"), Offers.charge("2026-10-15", "600.00")),
                installmentAuthorization()));
        partner.put(OfferTerm.MARKUP, new Sample(with(resold, o -> o.origin = new OfferOrigin(
                OfferOrigin.Type.CHANNEL_PARTNER, null, ChannelPartnerOffers.RA_ID, new BigDecimal("-1"))), ra));
        all.put(OfferOrigin.Type.CHANNEL_PARTNER, partner);

        Map<OfferTerm, Sample> partnerReplacement = new EnumMap<>(OfferTerm.class);
        PrivateOffer resoldAgain = AgreementBasedOffers.channelPartnerAgreementBased();
        PrivateOffer inInstallments = AgreementBasedOffers.channelPartnerAgreementBasedInInstallments();
        partnerReplacement.put(OfferTerm.CREATION, new Sample(with(resoldAgain, o -> o.origin = new OfferOrigin(
                OfferOrigin.Type.CHANNEL_PARTNER_AGREEMENT_BASED, AgreementBasedOffers.AGREEMENT, null,
                null)), ra));
        partnerReplacement.put(OfferTerm.INFORMATION, new Sample(with(resoldAgain, o -> o.name = "Acme <Gold>"), ra));
        partnerReplacement.put(OfferTerm.RENEWAL, new Sample(with(resoldAgain, o -> {
            o.renewal = true;
            o.renewalChannel = "Elsewhere";
        }), ra));
        partnerReplacement.put(OfferTerm.TARGETING, new Sample(with(resoldAgain,
                o -> o.buyerAccounts.add("333333333333")), ra));
        partnerReplacement.put(OfferTerm.PRICING, new Sample(with(inInstallments, o -> o.dimensions = List.of(
                new OfferDimension("Users", new BigDecimal("120"), "Upfront", null))), ra));
        partnerReplacement.put(OfferTerm.LEGAL, new Sample(with(resoldAgain, o -> o.eulaType = null), ra));
        partnerReplacement.put(OfferTerm.AVAILABILITY, new Sample(with(resoldAgain, o -> o.expirationDate = null), ra));
        partnerReplacement.put(OfferTerm.VALIDITY, new Sample(with(resoldAgain, o -> o.serviceEnd = null), ra));
        partnerReplacement.put(OfferTerm.PAYMENT_SCHEDULE, new Sample(with(inInstallments,
                o -> o.schedule = List.of(Offers.charge("2026-03-01", "1200"))), ra));
        partnerReplacement.put(OfferTerm.MARKUP, new Sample(with(inInstallments, o -> o.origin = new OfferOrigin(
                OfferOrigin.Type.CHANNEL_PARTNER_AGREEMENT_BASED, AgreementBasedOffers.AGREEMENT,
                "resaleauthz-abcdefghijklm", BigDecimal.TEN)), ra));
        all.put(OfferOrigin.Type.CHANNEL_PARTNER_AGREEMENT_BASED, partnerReplacement);
        return all;
    }

    /** What Validate Offer runs for the offer's kind (OfferSubmission's choice). */
    private List<FieldProblem> problems(Sample sample) {
        PrivateOffer offer = sample.offer();
        return offer.origin().type() == OfferOrigin.Type.CHANNEL_PARTNER
                ? validator.channelPartnerProblems(offer, sample.authorization(), true, TODAY, true)
                : validator.problems(offer, product(offer), Offers.SELLER, sample.authorization(), TODAY, true);
    }

    private static OfferProduct product(PrivateOffer offer) {
        return offer.productId() == null ? new OfferProduct(null, null, List.of()) : Offers.productOf(offer);
    }

    private static boolean sent(ArrayNode changes, OfferTerm term, PrivateOffer offer) {
        for (JsonNode change : changes) {
            if (change.path("ChangeType").asText().equals(term.change(offer))
                    && (term.pointer().isEmpty() || !change.path("DetailsDocument").at(term.pointer()).isMissingNode())) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> changeTypes(Sample sample) {
        Set<String> types = new java.util.HashSet<>(Set.of("ReleaseOffer"));
        for (OfferTerm term : OfferTerm.values()) {
            types.add(term.change(sample.offer()));
        }
        return types;
    }

    private static Sample direct(PrivateOffer offer) {
        return new Sample(offer, null);
    }

    /** An offer, and the shared resale authorization it is made on (null for the seller's own offers). */
    private record Sample(PrivateOffer offer, SharedResaleAuthorization authorization) {
    }
}
