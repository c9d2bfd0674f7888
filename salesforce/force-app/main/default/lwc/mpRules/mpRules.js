/**
 * What the connector's validators allow, as the guided pages need it to show only what can be sent: per product
 * type, pricing model and kind of offer. The connector stays the judge (Validate, Create and Save as Draft send the
 * records to it and show its answer); these rules decide what the pages offer, so that a seller is not led into a
 * choice the connector refuses. Each rule names the validator rule it follows (OfferValidator,
 * ResaleAuthorizationValidator in the connector).
 */

export const PRODUCT_TYPES = ['SaaS', 'AMI', 'Container'];
export const CURRENCIES = ['USD', 'EUR', 'GBP', 'AUD', 'JPY'];
/** A private offer targets at most 26 buyers, a channel partner offer and a resale authorization 25. */
export const MAX_OFFER_BUYERS = 26;
export const MAX_CHANNEL_PARTNER_BUYERS = 25;
export const MAX_RESALE_BUYERS = 25;
export const MAX_INSTALLMENTS = 60;
/** AMI annual pricing is bought for a year (OfferChangeSetBuilder.ANNUAL). */
export const ANNUAL = 'P365D';

export const PRICING_MODEL_LABELS = {
    Contract: 'Contract',
    Usage: 'Usage (pay as you go)',
    Byol: 'Bring Your Own License (BYOL)',
    Free: 'Free'
};

const ACCOUNT = /^\d{12}$/;

/** The picklist options of values, labelled as Salesforce labels them. */
export function options(values, labels = {}) {
    return values.map((value) => ({ label: labels[value] || value, value }));
}

/**
 * The buyer accounts as typed (commas, semicolons, spaces or new lines between them), and what is wrong with them:
 * 12 digits each, no repeats, at most {@code max} (OfferValidator.buyers).
 */
export function checkBuyers(text, max, required = true) {
    const accounts = String(text || '')
        .split(/[,;\s]+/)
        .filter((account) => account !== '');
    const problems = [];
    if (accounts.length === 0 && required) {
        problems.push('Enter at least one buyer AWS account ID (12 digits).');
    }
    if (accounts.length > max) {
        problems.push(`At most ${max} buyer accounts; ${accounts.length} are listed.`);
    }
    const seen = new Set();
    accounts.forEach((account) => {
        if (!ACCOUNT.test(account)) {
            problems.push(`${account} is not an AWS account ID: use exactly 12 digits, no dashes or spaces.`);
        } else if (seen.has(account)) {
            problems.push(`${account} is listed twice; list it once.`);
        }
        seen.add(account);
    });
    return { accounts, problems };
}

/** One AWS account ID (a reseller's). */
export function checkAccount(text) {
    const account = String(text || '').trim();
    if (account === '') {
        return 'Enter the AWS account ID (12 digits).';
    }
    return ACCOUNT.test(account) ? null : `${account} is not an AWS account ID: use exactly 12 digits.`;
}

/**
 * The pricing models an offer on a product of this type can take: BYOL is not available for SaaS products
 * (OfferValidator.pricing).
 */
export function offerPricingModels(productType) {
    if (!PRODUCT_TYPES.includes(productType)) {
        return [];
    }
    return productType === 'SaaS' ? ['Contract', 'Usage', 'Free'] : ['Contract', 'Usage', 'Byol', 'Free'];
}

/** Dimension types as the product sync stores them (Types__c, a multi-select picklist). */
export function isEntitled(dimension) {
    return String(dimension.types || '').split(';').includes('Entitled');
}

export function isMetered(dimension) {
    const types = String(dimension.types || '').split(';');
    return types.includes('Metered') || types.includes('ExternallyMetered');
}

/**
 * The rate kinds a dimension can carry in an offer: Upfront on Entitled dimensions (and on an AMI's metered instance
 * types for annual pricing), Usage on metered dimensions; Usage rates beside a contract on SaaS only; none with BYOL.
 */
export function offerRateKinds(productType, pricingModel, dimension) {
    const kinds = [];
    if (pricingModel === 'Contract') {
        if (isEntitled(dimension)) {
            kinds.push('Upfront');
        }
        if (isMetered(dimension) && productType === 'SaaS') {
            kinds.push('Usage');
        }
    } else if (pricingModel === 'Usage') {
        if (isMetered(dimension)) {
            kinds.push('Usage');
        }
        if (productType === 'AMI' && (isMetered(dimension) || isEntitled(dimension))) {
            kinds.push('Upfront');
        }
    } else if (pricingModel === 'Free') {
        if (isEntitled(dimension)) {
            kinds.push('Upfront');
        }
        if (isMetered(dimension)) {
            kinds.push('Usage');
        }
    }
    return kinds;
}

/**
 * The rate kinds a wholesale rate can have (ResaleAuthorizationValidator.rates): Upfront on Entitled dimensions with
 * Contract pricing, Usage on metered ones with Contract or Usage pricing.
 */
export function resaleRateKinds(pricingModel, dimension) {
    const kinds = [];
    if (pricingModel === 'Contract' && isEntitled(dimension)) {
        kinds.push('Upfront');
    }
    if ((pricingModel === 'Contract' || pricingModel === 'Usage') && isMetered(dimension)) {
        kinds.push('Usage');
    }
    return kinds;
}

/** Usage pricing must price every metered dimension of the product (OfferValidator.pricing). */
export function usageRateRequired(pricingModel, dimension, kind) {
    return pricingModel === 'Usage' && kind === 'Usage' && isMetered(dimension);
}

/** Future dated agreements (start and end dates) are for SaaS contracts only (OfferValidator.serviceTerm). */
export function allowsFutureDates(productType, pricingModel) {
    return productType === 'SaaS' && pricingModel === 'Contract';
}

/**
 * Installments (a flexible payment schedule) are for SaaS contracts and AMI annual pricing (Usage with Upfront
 * rates), never for Container products (OfferValidator.schedule).
 */
export function allowsInstallments(productType, pricingModel, hasUpfrontRates) {
    return (productType === 'SaaS' && pricingModel === 'Contract')
        || (productType === 'AMI' && pricingModel === 'Usage' && hasUpfrontRates);
}

/** An upfront term is bought for a duration: Contract, or Upfront rates except with BYOL (needsDuration). */
export function needsDuration(pricingModel, hasUpfrontRates) {
    return pricingModel === 'Contract' || (hasUpfrontRates && pricingModel !== 'Byol');
}

/** Tiers (the buyer picks one dimension) apply to Contract pricing without installments. */
export function allowsTiers(pricingModel, installments) {
    return pricingModel === 'Contract' && !installments;
}

/** Free pricing: every rate 0 with Zero Dollar Pricing ticked. */
export function forcesZeroDollar(pricingModel) {
    return pricingModel === 'Free';
}

/**
 * Service length from the months or days a seller chooses: P12M, P365D (ServiceLength: P{n}M, P{n}D, P{n}Y, n of at
 * most four digits).
 */
export function serviceLength(amount, unit) {
    const n = Number(amount);
    if (!Number.isInteger(n) || n < 1 || n > 9999) {
        return null;
    }
    return `P${n}${unit === 'days' ? 'D' : 'M'}`;
}

/** A stored service length as the page shows it: {amount, unit}, years as months. */
export function readServiceLength(text) {
    const match = /^P([1-9]\d{0,3})([DMY])$/.exec(String(text || ''));
    if (!match) {
        return { amount: null, unit: 'months' };
    }
    const n = Number(match[1]);
    if (match[2] === 'Y') {
        return { amount: n * 12, unit: 'months' };
    }
    return { amount: n, unit: match[2] === 'D' ? 'days' : 'months' };
}

/** A length as a person reads it: 12 months, 365 days. */
export function describeLength(text) {
    const { amount, unit } = readServiceLength(text);
    if (amount === null) {
        return text || '';
    }
    return `${amount} ${amount === 1 ? unit.slice(0, -1) : unit}`;
}

/** Decimals a rate may have: Usage rates 8, Upfront rates 3 on offers, 6 on wholesale rates. */
export function rateDecimals(kind, wholesale = false) {
    if (kind === 'Usage') {
        return 8;
    }
    return wholesale ? 6 : 3;
}

/** Adds amounts given as numbers or text, in cents, so 0.1 + 0.2 is 0.30. */
export function sum(amounts, digits = 2) {
    const factor = 10 ** digits;
    const total = amounts.reduce((acc, amount) => acc + Math.round(Number(amount || 0) * factor), 0);
    return total / factor;
}

/** What the rates come to: each Upfront rate times its quantity. */
export function contractTotal(rows) {
    return sum(rows.filter((row) => row.kind === 'Upfront' && row.rate !== null && row.rate !== '' && row.quantity)
        .map((row) => Number(row.rate) * Number(row.quantity)));
}

/** The minor unit of a currency: JPY has none. */
export function currencyDigits(currency) {
    return currency === 'JPY' ? 0 : 2;
}

/** An amount as a seller reads it: 12,000.00 USD. */
export function money(amount, currency) {
    const digits = currencyDigits(currency);
    const text = Number(amount || 0).toLocaleString('en-US', {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits
    });
    return currency ? `${text} ${currency}` : text;
}

/**
 * The Input__c of a Generate Payment Schedule request, as the button's flow (Marketplace_Request_Create) writes it
 * and PaymentScheduleInput reads it.
 */
export function paymentScheduleInput({ totalAmount, currency, firstPaymentDate, endDate, frequencyDays, remainder,
    dayCounting }) {
    return JSON.stringify({
        totalAmount: String(totalAmount),
        currency,
        firstPaymentDate,
        endDate,
        frequencyDays: Number(frequencyDays),
        remainder,
        dayCounting
    });
}

/**
 * Today as YYYY-MM-DD in UTC, the day AWS Marketplace and the connector compare dates with (Today in the connector):
 * west of UTC, the seller's own day is still yesterday's in the evening.
 */
export function today() {
    return new Date().toISOString().slice(0, 10);
}

/** A YYYY-MM-DD date plus days or months. */
export function addToDate(date, { days = 0, months = 0 }) {
    const [y, m, d] = date.split('-').map(Number);
    const result = new Date(Date.UTC(y, m - 1 + months, d + days));
    return result.toISOString().slice(0, 10);
}

/**
 * The agreement duration the ISV priced on a shared resale authorization's wholesale terms (the Wholesale_Rates__c
 * JSON), or null for usage pricing: SharedResaleAuthorization.duration in the connector.
 */
export function wholesaleDuration(terms) {
    for (const term of terms || []) {
        if (term.Type === 'ResaleConfigurableUpfrontPricingTerm') {
            const value = term.RateCards && term.RateCards[0] && term.RateCards[0].Selector
                && term.RateCards[0].Selector.Value;
            if (value) {
                return value;
            }
        } else if (term.Type === 'ResaleFixedUpfrontPricingTerm' && term.Duration) {
            return term.Duration;
        }
    }
    return null;
}

/**
 * The wholesale rates as offer rates (SharedResaleAuthorization.rates): upfront selectors and fixed grants as Upfront
 * (a grant with its quantity, for 0), usage as Usage.
 */
export function wholesaleRates(terms) {
    const rates = [];
    const cards = (term) => (term.RateCards && term.RateCards[0] && term.RateCards[0].RateCard) || [];
    for (const term of terms || []) {
        if (term.Type === 'ResaleConfigurableUpfrontPricingTerm') {
            cards(term).forEach((r) => rates.push({ key: r.DimensionKey, rate: r.Price || '0', kind: 'Upfront',
                quantity: null }));
        } else if (term.Type === 'ResaleFixedUpfrontPricingTerm') {
            (term.Grants || []).forEach((g) => rates.push({ key: g.DimensionKey, rate: '0', kind: 'Upfront',
                quantity: typeof g.MaxQuantity === 'number' ? g.MaxQuantity : null }));
        } else if (term.Type === 'ResaleUsageBasedPricingTerm') {
            cards(term).forEach((r) => rates.push({ key: r.DimensionKey, rate: r.Price || '0', kind: 'Usage',
                quantity: null }));
        }
    }
    return rates;
}

/** The ISV's installments (SharedResaleAuthorization.schedule): dates and amounts of its ResalePaymentScheduleTerm. */
export function wholesaleSchedule(terms) {
    const charges = [];
    for (const term of terms || []) {
        if (term.Type === 'ResalePaymentScheduleTerm') {
            (term.Schedule || []).forEach((c) => charges.push({ date: String(c.ChargeDate).slice(0, 10),
                amount: c.ChargeAmount || '0' }));
        }
    }
    return charges;
}

/** The legal documents on a shared resale authorization (Legal_Terms__c): the buyer's EULA and the reseller contract. */
export function legalDocuments(terms) {
    const documents = [];
    for (const term of terms || []) {
        const whose = term.Type === 'BuyerLegalTerm' ? 'Buyer terms' : term.Type === 'ResaleLegalTerm'
            ? 'Reseller contract' : null;
        if (whose) {
            (term.Documents || []).forEach((d, i) => documents.push({ key: `${term.Type}-${i}`, whose, type: d.Type,
                label: DOCUMENT_LABELS[d.Type] || d.Type, url: d.Url || null }));
        }
    }
    return documents;
}

/** The EULA the ISV gave buyers (SharedResaleAuthorization.buyerEulaType), or null. */
export function buyerEulaType(terms) {
    const buyer = (terms || []).find((term) => term.Type === 'BuyerLegalTerm');
    return buyer && buyer.Documents && buyer.Documents[0] ? buyer.Documents[0].Type : null;
}

const DOCUMENT_LABELS = {
    StandardEula: 'Standard Contract for AWS Marketplace',
    EnterpriseEula: 'Enterprise Contract for AWS Marketplace',
    CustomEula: 'Custom EULA',
    StandardResellerContract: 'Standard reseller contract',
    CustomResellerContract: 'Custom reseller contract'
};

/** A long text field's JSON, or an empty list when it is empty or unreadable (as the connector reads it). */
export function json(text) {
    try {
        return text ? JSON.parse(text) : [];
    } catch (unreadable) {
        return [];
    }
}
