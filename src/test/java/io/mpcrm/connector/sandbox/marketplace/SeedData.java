package io.mpcrm.connector.sandbox.marketplace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Builders for DetailsDocuments, agreement views and accepted terms in the shapes the real APIs return. */
final class SeedData {

    private SeedData() {
    }

    record Dim(String key, String name, String description, String unit, String type) {
    }

    static List<Dim> dimensions(MarketplaceSandbox.ProductType type) {
        return switch (type) {
            case SAAS -> List.of(new Dim("users", "Users", "Named users", "Users", "Entitled"),
                    new Dim("admins", "Admin users", "Administrators", "Users", "Entitled"),
                    new Dim("api_calls", "API calls", "Calls to the public API", "Requests", "ExternallyMetered"),
                    new Dim("storage_gb", "Storage", "Stored data", "GB", "ExternallyMetered"));
            case AMI -> List.of(new Dim("m5.large", "m5.large", "m5.large", "Hrs", "Metered"),
                    new Dim("c5.xlarge", "c5.xlarge", "c5.xlarge", "Hrs", "Metered"),
                    new Dim("r5.2xlarge", "r5.2xlarge", "r5.2xlarge", "Hrs", "Metered"),
                    new Dim("m5.4xlarge", "m5.4xlarge", "m5.4xlarge", "Hrs", "Metered"));
            case CONTAINER -> List.of(new Dim("nodes", "Nodes", "Cluster nodes", "Units", "Entitled"),
                    new Dim("clusters", "Clusters", "Managed clusters", "Units", "Entitled"),
                    new Dim("vcpu_hours", "vCPU hours", "vCPU hours used", "Hrs", "ExternallyMetered"));
            case DATA -> List.of(new Dim("subscription", "Subscription", "Data set access", "Units", "Entitled"),
                    new Dim("api_requests", "API requests", "Requests to the data API", "Requests", "ExternallyMetered"),
                    new Dim("regions", "Regions", "Regional feeds", "Units", "Entitled"));
        };
    }

    static ObjectNode product(MarketplaceSandbox.ProductType type, String title, String visibility, int dimensionCount,
                              Random random) {
        ObjectNode d = Json.object();
        ObjectNode description = d.putObject("Description");
        description.put("ProductTitle", title);
        description.put("ProductCode", Json.id("", 25, random));
        description.put("ShortDescription", title + " on AWS Marketplace");
        description.put("LongDescription", title + ": a sandbox product for the connector's tests and demos.");
        description.put("Sku", "SKU-" + Json.id("", 6, random).toUpperCase());
        description.putArray("Highlights").add("Fast to deploy").add("Pay as you go");
        description.putArray("SearchKeywords").add("sandbox").add(type.name().toLowerCase());
        description.putArray("Categories").add("Operating Systems");
        description.put("Visibility", visibility);
        description.put("ProductState", "Draft".equals(visibility) ? "Draft" : "Active");
        ObjectNode promo = d.putObject("PromotionalResources");
        promo.put("LogoUrl", "https://example.com/logo.png");
        promo.putArray("Videos");
        promo.putArray("AdditionalResources");
        d.putObject("SupportInformation").put("Description", "Email support@example.com");
        ArrayNode dims = d.putArray("Dimensions");
        List<Dim> all = dimensions(type);
        for (int i = 0; i < Math.min(dimensionCount, all.size()); i++) {
            Dim x = all.get(i);
            ObjectNode o = dims.addObject();
            o.put("Key", x.key());
            o.put("Name", x.name());
            o.put("Description", x.description());
            o.put("Unit", x.unit());
            o.putArray("Types").add(x.type());
        }
        d.putArray("Versions");
        d.putObject("Targeting").putObject("PositiveTargeting").putArray("BuyerAccounts");
        if (type == MarketplaceSandbox.ProductType.AMI) {
            ObjectNode regions = d.putObject("RegionAvailability");
            regions.putArray("Regions").add("us-east-1").add("eu-west-1");
            regions.putObject("FutureRegionSupport").putArray("SupportedRegions");
        } else if (type == MarketplaceSandbox.ProductType.CONTAINER) {
            d.putArray("Repositories");
        }
        return d;
    }

    private static String termId(Random random) {
        return Json.id("term-", 20, random);
    }

    static ObjectNode resaleAuthorization(String name, String productId, JsonNode product, String isvAccount,
                                          String resellerAccount, String status, Instant created, Instant availabilityEnd,
                                          boolean paymentSchedule, List<String> buyers, Random random) {
        return resaleAuthorization(name, productId, product, isvAccount, resellerAccount, status, created,
                availabilityEnd, paymentSchedule, paymentSchedule, buyers, random);
    }

    /** {@code oneTime}: OffersMaxQuantity 1, the authorization is used up by its first released offer. */
    static ObjectNode resaleAuthorization(String name, String productId, JsonNode product, String isvAccount,
                                          String resellerAccount, String status, Instant created, Instant availabilityEnd,
                                          boolean paymentSchedule, boolean oneTime, List<String> buyers, Random random) {
        ObjectNode d = Json.object();
        d.put("Name", name);
        d.put("Description", "Resale authorization for " + resellerAccount);
        d.put("ProductId", productId);
        d.put("ProductName", product.path("Description").path("ProductTitle").asText());
        d.put("Status", status);
        d.put("CreatedDate", Json.isoMillis(created));
        d.put("ManufacturerLegalName", "Seller " + isvAccount);
        d.put("ManufacturerAccountId", isvAccount);
        ArrayNode dims = d.putArray("Dimensions");
        List<String> entitled = new ArrayList<>();
        List<String> metered = new ArrayList<>();
        for (JsonNode dim : product.path("Dimensions")) {
            dims.add(dim.deepCopy());
            (dim.path("Types").path(0).asText().equals("Entitled") ? entitled : metered).add(dim.path("Key").asText());
        }
        ObjectNode offerDetails = d.putObject("OfferDetails");
        offerDetails.put("OfferExtendedStatus", "Not Started");
        offerDetails.put("OfferCreatedCount", 0);
        ArrayNode terms = d.putArray("Terms");
        if (paymentSchedule) {
            ObjectNode fixed = terms.addObject();
            fixed.put("Id", termId(random));
            fixed.put("Type", "ResaleFixedUpfrontPricingTerm");
            fixed.put("CurrencyCode", "USD");
            fixed.put("Duration", "P12M");
            fixed.put("Price", "0.0");
            ArrayNode grants = fixed.putArray("Grants");
            for (String k : entitled) {
                grants.addObject().put("DimensionKey", k).put("MaxQuantity", 10);
            }
            ObjectNode schedule = terms.addObject();
            schedule.put("Id", termId(random));
            schedule.put("Type", "ResalePaymentScheduleTerm");
            schedule.put("CurrencyCode", "USD");
            ArrayNode charges = schedule.putArray("Schedule");
            Instant first = availabilityEnd.truncatedTo(ChronoUnit.DAYS);
            for (int i = 0; i < 4; i++) {
                charges.addObject().put("ChargeDate", Json.isoMillis(first.atZone(ZoneOffset.UTC).plusMonths(3L * i).toInstant()))
                        .put("ChargeAmount", "2500.00");
            }
        } else if (!entitled.isEmpty()) {
            ObjectNode upfront = terms.addObject();
            upfront.put("Id", termId(random));
            upfront.put("Type", "ResaleConfigurableUpfrontPricingTerm");
            upfront.put("CurrencyCode", "USD");
            ObjectNode card = upfront.putArray("RateCards").addObject();
            card.putObject("Selector").put("Type", "Duration").put("Value", "P12M");
            card.putObject("Constraints").put("MultipleDimensionSelection", "Allowed").put("QuantityConfiguration", "Allowed");
            ArrayNode rates = card.putArray("RateCard");
            for (String k : entitled) {
                rates.addObject().put("DimensionKey", k).put("Price", "800.00");
            }
        }
        if (!metered.isEmpty()) {
            ObjectNode usage = terms.addObject();
            usage.put("Id", termId(random));
            usage.put("Type", "ResaleUsageBasedPricingTerm");
            usage.put("CurrencyCode", "USD");
            ArrayNode rates = usage.putArray("RateCards").addObject().putArray("RateCard");
            for (String k : metered) {
                rates.addObject().put("DimensionKey", k).put("Price", "0.012");
            }
        }
        ObjectNode buyerLegal = terms.addObject();
        buyerLegal.put("Id", termId(random));
        buyerLegal.put("Type", "BuyerLegalTerm");
        buyerLegal.putArray("Documents").addObject().put("Type", "StandardEula");
        ObjectNode resaleLegal = terms.addObject();
        resaleLegal.put("Id", termId(random));
        resaleLegal.put("Type", "ResaleLegalTerm");
        resaleLegal.putArray("Documents").addObject().put("Type", "StandardResellerContract");
        ObjectNode validity = terms.addObject();
        validity.put("Id", termId(random));
        validity.put("Type", "BuyerValidityTerm");
        validity.put("MaximumAgreementStartDate", Json.isoMillis(availabilityEnd.plus(365, ChronoUnit.DAYS)));
        if (buyers != null && !buyers.isEmpty()) {
            ObjectNode targeting = terms.addObject();
            targeting.put("Id", termId(random));
            targeting.put("Type", "BuyerTargetingTerm");
            ArrayNode accounts = targeting.putObject("PositiveTargeting").putArray("BuyerAccounts");
            buyers.forEach(b -> accounts.addObject().put("AwsAccountId", b));
        }
        ArrayNode rules = d.putArray("Rules");
        ObjectNode availability = rules.addObject();
        availability.put("Type", "AvailabilityRule");
        availability.put("Usage", oneTime ? "Limited" : "Unlimited");
        availability.put("AvailabilityEndDate", Json.isoMillis(availabilityEnd));
        if (oneTime) {
            availability.put("OffersMaxQuantity", 1);
        }
        ObjectNode partner = rules.addObject();
        partner.put("Type", "PartnerTargetingRule");
        partner.put("ResellerAccountId", resellerAccount);
        partner.put("ResellerLegalName", "Reseller " + resellerAccount);
        return d;
    }

    static ObjectNode offer(String offerId, String productId, String name, String state, List<String> buyers,
                            Instant availabilityEnd) {
        ObjectNode d = Json.object();
        d.put("Id", offerId);
        d.put("State", state);
        d.put("Name", name);
        d.put("Description", name);
        d.put("ProductId", productId);
        ArrayNode terms = d.putArray("Terms");
        ObjectNode legal = terms.addObject();
        legal.put("Type", "LegalTerm");
        legal.putArray("Documents").addObject().put("Type", "StandardEula").put("Version", "2022-07-14");
        ArrayNode rules = d.putArray("Rules");
        ObjectNode targeting = rules.addObject();
        targeting.put("Type", "TargetingRule");
        ArrayNode accounts = targeting.putObject("PositiveTargeting").putArray("BuyerAccounts");
        buyers.forEach(accounts::add);
        rules.addObject().put("Type", "AvailabilityRule").put("AvailabilityEndDate", Json.isoMillis(availabilityEnd));
        return d;
    }

    // ------------------------------------------------------------------------------------------ agreements

    static ObjectNode agreementView(String agreementId, String proposer, String acceptor, String offerId,
                                    String productId, String resourceType, String status, Instant start, Instant end,
                                    Instant acceptance, String value, String currency) {
        ObjectNode v = Json.object();
        v.put("agreementId", agreementId);
        v.put("agreementType", "PurchaseAgreement");
        v.putObject("acceptor").put("accountId", acceptor);
        v.putObject("proposer").put("accountId", proposer);
        v.put("startTime", start.getEpochSecond());
        if (end != null) {
            v.put("endTime", end.getEpochSecond());
        }
        v.put("acceptanceTime", acceptance.getEpochSecond());
        v.put("status", status);
        v.putObject("estimatedCharges").put("agreementValue", value).put("currencyCode", currency);
        ObjectNode proposal = v.putObject("proposalSummary");
        proposal.put("offerId", offerId);
        proposal.putArray("resources").addObject().put("id", productId).put("type", resourceType);
        return v;
    }

    /** Accepted terms for a pricing model; returns the terms and (as element 0 of total) the agreement value. */
    static List<ObjectNode> agreementTerms(MarketplaceSandbox.AgreementPricing pricing, List<Dim> dims, Instant start,
                                           Instant end, boolean autoRenew, Random random, long[] total) {
        List<ObjectNode> terms = new ArrayList<>();
        List<Dim> entitled = dims.stream().filter(d -> !d.type().endsWith("Metered")).toList();
        List<Dim> metered = dims.stream().filter(d -> d.type().endsWith("Metered")).toList();
        if (entitled.isEmpty()) {
            entitled = List.of(new Dim("units", "Units", "Units", "Units", "Entitled"));
        }
        if (metered.isEmpty()) {
            metered = List.of(new Dim("usage", "Usage", "Usage", "Units", "Metered"));
        }
        ObjectNode legal = Json.object();
        legal.putObject("legalTerm").put("type", "LegalTerm").putArray("documents").addObject()
                .put("type", "StandardEula").put("version", "2022-07-14");
        terms.add(legal);
        long value = 0;
        switch (pricing) {
            case CONTRACT, CONTRACT_WITH_USAGE -> {
                ObjectNode t = Json.object();
                ObjectNode c = t.putObject("configurableUpfrontPricingTerm");
                c.put("type", "ConfigurableUpfrontPricingTerm");
                c.put("currencyCode", "USD");
                ObjectNode card = c.putArray("rateCards").addObject();
                card.putObject("selector").put("type", "Duration").put("value", "P12M");
                card.putObject("constraints").put("multipleDimensionSelection", "Allowed").put("quantityConfiguration", "Allowed");
                ArrayNode rates = card.putArray("rateCard");
                ObjectNode configuration = c.putObject("configuration");
                configuration.put("selectorValue", "P12M");
                ArrayNode bought = configuration.putArray("dimensions");
                for (Dim d : entitled) {
                    int price = 100 * (1 + random.nextInt(20));
                    int units = 1 + random.nextInt(50);
                    rates.addObject().put("dimensionKey", d.key()).put("price", price + ".00");
                    bought.addObject().put("dimensionKey", d.key()).put("dimensionValue", units);
                    value += (long) price * units;
                }
                terms.add(t);
                if (pricing == MarketplaceSandbox.AgreementPricing.CONTRACT_WITH_USAGE) {
                    terms.add(usage(metered));
                }
            }
            case USAGE -> terms.add(usage(metered));
            case PAYMENT_SCHEDULE -> {
                ObjectNode t = Json.object();
                ObjectNode f = t.putObject("fixedUpfrontPricingTerm");
                f.put("type", "FixedUpfrontPricingTerm");
                f.put("currencyCode", "USD");
                f.put("duration", "P12M");
                f.put("price", "0.0");
                ArrayNode grants = f.putArray("grants");
                for (Dim d : entitled) {
                    grants.addObject().put("dimensionKey", d.key()).put("maxQuantity", 1 + random.nextInt(100));
                }
                terms.add(t);
                ObjectNode s = Json.object();
                ObjectNode p = s.putObject("paymentScheduleTerm");
                p.put("type", "PaymentScheduleTerm");
                p.put("currencyCode", "USD");
                ArrayNode schedule = p.putArray("schedule");
                int amount = 1000 * (1 + random.nextInt(10));
                for (int i = 0; i < 4; i++) {
                    Instant charge = start.atZone(ZoneOffset.UTC).plusMonths(3L * i).toInstant();
                    schedule.addObject().put("chargeDate", charge.getEpochSecond()).put("chargeAmount", amount + ".00");
                    value += amount;
                }
                terms.add(s);
            }
        }
        ObjectNode validity = Json.object();
        ObjectNode vt = validity.putObject("validityTerm");
        vt.put("type", "ValidityTerm");
        if (end != null) {
            vt.put("agreementDuration", "P" + Math.max(1, ChronoUnit.DAYS.between(start, end)) + "D");
            vt.put("agreementStartDate", start.getEpochSecond());
            vt.put("agreementEndDate", end.getEpochSecond());
        } else {
            vt.put("agreementStartDate", start.getEpochSecond());
        }
        terms.add(validity);
        ObjectNode renewal = Json.object();
        renewal.putObject("renewalTerm").put("type", "RenewalTerm").putObject("configuration").put("enableAutoRenew", autoRenew);
        terms.add(renewal);
        ObjectNode support = Json.object();
        support.putObject("supportTerm").put("type", "SupportTerm").put("refundPolicy", "Refunds within 30 days on request.");
        terms.add(support);
        total[0] = value;
        return terms;
    }

    private static ObjectNode usage(List<Dim> metered) {
        ObjectNode t = Json.object();
        ObjectNode u = t.putObject("usageBasedPricingTerm");
        u.put("type", "UsageBasedPricingTerm");
        u.put("currencyCode", "USD");
        ArrayNode rates = u.putArray("rateCards").addObject().putArray("rateCard");
        for (Dim d : metered) {
            rates.addObject().put("dimensionKey", d.key()).put("price", "0.015");
        }
        return t;
    }
}
