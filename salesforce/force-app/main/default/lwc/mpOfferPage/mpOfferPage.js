import { LightningElement, api, wire } from 'lwc';
import { gql, graphql } from 'lightning/graphql';
import { createRecord, deleteRecord, getRecord, notifyRecordUpdateAvailable, updateRecord } from 'lightning/uiRecordApi';
import { NavigationMixin } from 'lightning/navigation';
import {
    ANNUAL, CURRENCIES, MAX_OFFER_BUYERS, PRICING_MODEL_LABELS, PRODUCT_TYPES, addToDate, allowsFutureDates,
    allowsInstallments, allowsTiers, checkBuyers, contractTotal, describeLength, forcesZeroDollar, isEntitled,
    isMetered, needsDuration, offerPricingModels, offerRateKinds, options, paymentScheduleInput, rateDecimals,
    readServiceLength, serviceLength, today, usageRateRequired
} from 'c/mpRules';
import { POLL_MILLIS, REQUEST_FIELDS, createRequest, errorMessage, finished, parseProblems, value } from 'c/mpRequests';

const OFFER = 'MP_Private_Offer__c';
const RATE = 'MP_Offer_Dimension__c';
const INSTALLMENT = 'MP_Payment_Installment__c';
const OFFER_STATUS_FIELDS = ['MP_Private_Offer__c.Status__c', 'MP_Private_Offer__c.Offer_URL__c',
    'MP_Private_Offer__c.Last_Error__c', 'MP_Private_Offer__c.Offer_Id__c'];
const STATUS_LABELS = { New: 'New', Draft: 'Draft', PREPARING: 'Preparing', APPLYING: 'Applying',
    SUCCEEDED: 'Succeeded', FAILED: 'Failed', Released: 'Released', Expired: 'Expired', Cancelled: 'Cancelled' };
const ENDED = ['Released', 'Draft', 'FAILED', 'Expired', 'Cancelled'];
const ACTIONS = { validate: 'VALIDATE_OFFER', draft: 'SAVE_OFFER_DRAFT', create: 'CREATE_OFFER' };
/** The labels of the fields a problem can name, for the list of problems at the top. */
const FIELD_LABELS = {
    Seller_Account__c: 'Seller account', Product__c: 'Product', Offer_Name__c: 'Offer name',
    Description__c: 'Description', Buyer_Accounts__c: 'Buyer AWS account IDs', Pricing_Model__c: 'Pricing model',
    Currency__c: 'Currency', Service_Length__c: 'Service length', Service_Start_Date__c: 'Service start date',
    Service_End_Date__c: 'Service end date', Expiration_Date__c: 'Offer expiration date',
    Zero_Dollar_Pricing__c: 'Zero dollar pricing', Installments_Enabled__c: 'Payment schedule',
    Tiered_Pricing__c: 'Tiers', EULA_Type__c: 'EULA', EULA_Document_Id__c: 'Custom EULA file',
    Renewal_Acquisition_Channel__c: 'Existing agreement bought through',
    Renewal_Pricing_Model__c: 'Existing agreement pricing model', Status__c: 'Status'
};

const SELLER_ACCOUNTS = gql`
    query offerSellerAccounts {
        uiapi {
            query {
                AWS_Seller_Account__c(orderBy: { Name: { order: ASC } }, first: 200) {
                    edges { node { Id Name { value } Account_Id__c { value } Role__c { value } } }
                }
            }
        }
    }`;
const PRODUCTS = gql`
    query offerProducts($sellerAccountId: ID) {
        uiapi {
            query {
                MP_Product__c(where: { Seller_Account__c: { eq: $sellerAccountId } }, orderBy: { Name: { order: ASC } },
                        first: 200) {
                    edges { node { Id Name { value } Product_Id__c { value } Product_Type__c { value } } }
                }
            }
        }
    }`;
const DIMENSIONS = gql`
    query offerProductDimensions($productId: ID) {
        uiapi {
            query {
                MP_Product_Dimension__c(where: { Product__c: { eq: $productId } },
                        orderBy: { Dimension_Key__c: { order: ASC } }, first: 200) {
                    edges { node { Id Name { value } Dimension_Key__c { value } Unit__c { value } Types__c { value }
                        Description__c { value } } }
                }
            }
        }
    }`;
const OFFER_RECORD = gql`
    query offerToEdit($offerId: ID) {
        uiapi {
            query {
                MP_Private_Offer__c(where: { Id: { eq: $offerId } }) {
                    edges { node { Id Seller_Account__c { value } Product__c { value } Offer_Name__c { value }
                        Description__c { value } Buyer_Accounts__c { value } Pricing_Model__c { value }
                        Currency__c { value } Service_Length__c { value } Service_Start_Date__c { value }
                        Service_End_Date__c { value } Expiration_Date__c { value } Zero_Dollar_Pricing__c { value }
                        Installments_Enabled__c { value } EULA_Type__c { value } EULA_Document_Id__c { value }
                        Renewal__c { value } Renewal_Acquisition_Channel__c { value } Renewal_Pricing_Model__c { value }
                        Tiered_Pricing__c { value } Offer_Type__c { value } Status__c { value } } }
                }
            }
        }
    }`;
const RATES = gql`
    query offerRates($offerId: ID) {
        uiapi {
            query {
                MP_Offer_Dimension__c(where: { Private_Offer__c: { eq: $offerId } }, first: 200) {
                    edges { node { Id Dimension_Key__c { value } Rate_Kind__c { value } Rate__c { value }
                        Quantity__c { value } } }
                }
            }
        }
    }`;
const INSTALLMENTS = gql`
    query offerInstallments($offerId: ID) {
        uiapi {
            query {
                MP_Payment_Installment__c(where: { Private_Offer__c: { eq: $offerId } },
                        orderBy: { Charge_Date__c: { order: ASC } }, first: 200) {
                    edges { node { Id Charge_Date__c { value } Charge_Amount__c { value } } }
                }
            }
        }
    }`;

function nodes(data, object) {
    return data && data.uiapi ? data.uiapi.query[object].edges.map((edge) => edge.node) : [];
}

function v(node, field) {
    return node[field] ? node[field].value : null;
}

/**
 * Create an Offer, the guided page of a private offer (direct offers): the seller chooses a synced product, prices the
 * dimensions it lists, chooses a service length in months or days or a future dated agreement, the EULA (uploading a
 * custom one), renewal, expiration and, where the product allows it, a payment schedule whose rows the connector
 * generates and the seller may edit. It shows only what the connector's validator allows for the product type and
 * pricing model, writes MP_Private_Offer__c and its rates and installments as the connector reads them, and asks the
 * connector to validate, create or save the offer as a draft, showing each problem beside its field and the outcome
 * (Preparing, Applying, Released with the buyer URL, or the failure) without a reload.
 */
export default class MpOfferPage extends NavigationMixin(LightningElement) {
    /** The offer to edit; none for a new offer. */
    @api recordId;

    offerRecordId;
    loaded = false;
    sellerAccounts = [];
    products = [];
    dimensions = [];

    sellerAccountId;
    productId;
    offerName = '';
    description = '';
    buyers = '';
    pricingModel;
    currency = 'USD';
    durationMode = 'length';
    lengthAmount = 12;
    lengthUnit = 'months';
    startDate;
    endDate;
    expirationDate;
    zeroDollar = false;
    installmentsEnabled = false;
    eulaType = 'StandardEula';
    eulaDocumentId;
    eulaFileName;
    renewal = false;
    renewalChannel;
    renewalPricing;
    tiered = false;
    offerType = 'Direct';
    loadedStatus;

    /** Rates as entered, by "key/kind". */
    rates = {};
    installments = [];

    /** What is stored, to write only what changed. */
    savedOffer = {};
    savedRates = {};
    savedInstallments = [];

    busy = false;
    requestId;
    requestAction;
    request;
    offerStatus;
    offerUrl;
    offerError;
    platformError;
    connectorProblems = [];
    pollTimer;
    installmentsResult;
    pendingInstallments = false;

    connectedCallback() {
        this.offerRecordId = this.recordId;
        this.expirationDate = addToDate(today(), { days: 30 });
        if (!this.recordId) {
            this.loaded = true;
        }
    }

    disconnectedCallback() {
        this.stopPolling();
    }

    // ------------------------------------------------------------------ reading

    @wire(graphql, { query: SELLER_ACCOUNTS })
    wiredSellerAccounts({ data, errors }) {
        if (data) {
            this.sellerAccounts = nodes(data, 'AWS_Seller_Account__c')
                .filter((node) => v(node, 'Role__c') !== 'Channel Partner')
                .map((node) => ({ id: node.Id, name: v(node, 'Name'), accountId: v(node, 'Account_Id__c') }));
            if (!this.sellerAccountId && this.sellerAccounts.length === 1) {
                this.sellerAccountId = this.sellerAccounts[0].id;
            }
        } else if (errors) {
            this.platformError = 'The seller accounts could not be read: ' + errors.map((e) => e.message).join(' ');
        }
    }

    get productsQuery() {
        return this.sellerAccountId ? PRODUCTS : undefined;
    }

    get productsVariables() {
        return { sellerAccountId: this.sellerAccountId };
    }

    @wire(graphql, { query: '$productsQuery', variables: '$productsVariables' })
    wiredProducts({ data }) {
        if (data) {
            this.products = nodes(data, 'MP_Product__c').map((node) => ({ id: node.Id, name: v(node, 'Name'),
                productId: v(node, 'Product_Id__c'), type: v(node, 'Product_Type__c') }));
        }
    }

    get dimensionsQuery() {
        return this.productId ? DIMENSIONS : undefined;
    }

    get dimensionsVariables() {
        return { productId: this.productId };
    }

    @wire(graphql, { query: '$dimensionsQuery', variables: '$dimensionsVariables' })
    wiredDimensions({ data }) {
        if (data) {
            this.dimensions = nodes(data, 'MP_Product_Dimension__c').map((node) => ({ key: v(node, 'Dimension_Key__c'),
                name: v(node, 'Name'), unit: v(node, 'Unit__c'), types: v(node, 'Types__c'),
                description: v(node, 'Description__c') }));
        }
    }

    get offerQuery() {
        return this.recordId ? OFFER_RECORD : undefined;
    }

    get ratesQuery() {
        return this.recordId ? RATES : undefined;
    }

    get installmentsQuery() {
        return this.offerRecordId ? INSTALLMENTS : undefined;
    }

    get offerVariables() {
        return { offerId: this.recordId };
    }

    get installmentVariables() {
        return { offerId: this.offerRecordId };
    }

    @wire(graphql, { query: '$offerQuery', variables: '$offerVariables' })
    wiredOffer({ data }) {
        const [node] = nodes(data, OFFER);
        if (!node) {
            return;
        }
        this.sellerAccountId = v(node, 'Seller_Account__c');
        this.productId = v(node, 'Product__c');
        this.offerName = v(node, 'Offer_Name__c') || '';
        this.description = v(node, 'Description__c') || '';
        this.buyers = v(node, 'Buyer_Accounts__c') || '';
        this.pricingModel = v(node, 'Pricing_Model__c');
        this.currency = v(node, 'Currency__c') || 'USD';
        const start = v(node, 'Service_Start_Date__c');
        const end = v(node, 'Service_End_Date__c');
        this.durationMode = start || end ? 'dates' : 'length';
        this.startDate = start;
        this.endDate = end;
        const length = readServiceLength(v(node, 'Service_Length__c'));
        if (length.amount) {
            this.lengthAmount = length.amount;
            this.lengthUnit = length.unit;
        }
        this.expirationDate = v(node, 'Expiration_Date__c');
        this.zeroDollar = v(node, 'Zero_Dollar_Pricing__c') === true;
        this.installmentsEnabled = v(node, 'Installments_Enabled__c') === true;
        this.eulaType = v(node, 'EULA_Type__c') || 'StandardEula';
        this.eulaDocumentId = v(node, 'EULA_Document_Id__c');
        this.renewal = v(node, 'Renewal__c') === true;
        this.renewalChannel = v(node, 'Renewal_Acquisition_Channel__c');
        this.renewalPricing = v(node, 'Renewal_Pricing_Model__c');
        this.tiered = v(node, 'Tiered_Pricing__c') === true;
        this.offerType = v(node, 'Offer_Type__c') || 'Direct';
        this.loadedStatus = v(node, 'Status__c');
        this.savedOffer = this.offerFields();
        this.loaded = true;
    }

    @wire(graphql, { query: '$ratesQuery', variables: '$offerVariables' })
    wiredRates({ data }) {
        if (!data) {
            return;
        }
        const rates = {};
        nodes(data, RATE).forEach((node) => {
            rates[`${v(node, 'Dimension_Key__c')}/${v(node, 'Rate_Kind__c')}`] = { id: node.Id,
                rate: v(node, 'Rate__c'), quantity: v(node, 'Quantity__c') };
        });
        this.rates = rates;
        this.savedRates = JSON.parse(JSON.stringify(rates));
    }

    @wire(graphql, { query: '$installmentsQuery', variables: '$installmentVariables' })
    wiredInstallments(result) {
        this.installmentsResult = result;
        if (!result.data) {
            return;
        }
        this.installments = nodes(result.data, INSTALLMENT).map((node) => ({ id: node.Id,
            date: v(node, 'Charge_Date__c'), amount: v(node, 'Charge_Amount__c') }));
        this.savedInstallments = this.installments.map((row) => ({ ...row }));
    }

    @wire(getRecord, { recordId: '$requestId', fields: REQUEST_FIELDS })
    wiredRequest({ data, error }) {
        if (data) {
            this.request = data;
            this.afterRequestChanged();
        } else if (error) {
            this.platformError = 'The request could not be read: ' + errorMessage(error);
        }
    }

    get trackedOfferId() {
        return this.requestId && this.requestAction !== 'GENERATE_PAYMENT_SCHEDULE' ? this.offerRecordId : undefined;
    }

    @wire(getRecord, { recordId: '$trackedOfferId', fields: OFFER_STATUS_FIELDS })
    wiredOfferStatus({ data }) {
        if (data) {
            this.offerStatus = value(data, 'Status__c');
            this.offerUrl = value(data, 'Offer_URL__c');
            this.offerError = value(data, 'Last_Error__c');
            this.afterRequestChanged();
        }
    }

    // ------------------------------------------------------------------ what the page shows

    get isReady() {
        return this.loaded;
    }

    get isDirect() {
        return this.offerType === 'Direct';
    }

    get otherOfferType() {
        return !this.isDirect;
    }

    get isReleased() {
        return ['Released', 'Expired', 'Cancelled'].includes(this.loadedStatus);
    }

    get editable() {
        return this.isDirect && !this.isReleased;
    }

    get showSellerAccounts() {
        return this.sellerAccounts.length > 1;
    }

    get sellerAccountOptions() {
        return this.sellerAccounts.map((a) => ({ label: `${a.name} (${a.accountId})`, value: a.id }));
    }

    get noSellerAccount() {
        return this.loaded && this.sellerAccounts.length === 0 && !this.sellerAccountId;
    }

    get product() {
        return this.products.find((p) => p.id === this.productId);
    }

    get productType() {
        return this.product ? this.product.type : null;
    }

    get productOptions() {
        return this.products.filter((p) => PRODUCT_TYPES.includes(p.type))
            .map((p) => ({ label: `${p.name} (${p.type}, ${p.productId})`, value: p.id }));
    }

    get otherProducts() {
        const other = this.products.filter((p) => !PRODUCT_TYPES.includes(p.type));
        return other.length ? `Not listed (the connector makes private offers for SaaS, AMI and Container products): ${
            other.map((p) => `${p.name} (${p.type})`).join(', ')}.` : null;
    }

    get noProducts() {
        return this.sellerAccountId && this.products.length === 0;
    }

    get pricingModelOptions() {
        return options(offerPricingModels(this.productType), PRICING_MODEL_LABELS);
    }

    get hasProduct() {
        return Boolean(this.productType);
    }

    get buyerCheck() {
        return checkBuyers(this.buyers, MAX_OFFER_BUYERS);
    }

    get buyerProblems() {
        const typed = this.buyers.trim() === '' ? [] : this.buyerCheck.problems;
        return [...typed, ...this.problemsOf('Buyer_Accounts__c')].join(' ') || null;
    }

    get buyerCount() {
        const n = this.buyerCheck.accounts.length;
        return n ? `${n} of at most ${MAX_OFFER_BUYERS} buyer accounts` : null;
    }

    /** One row per dimension and rate kind the product type and pricing model allow. */
    get rateRows() {
        if (!this.pricingModel || !this.productType) {
            return [];
        }
        const rows = [];
        this.dimensions.forEach((dimension) => {
            offerRateKinds(this.productType, this.pricingModel, dimension).forEach((kind) => {
                const entered = this.rates[`${dimension.key}/${kind}`] || {};
                const withQuantity = kind === 'Upfront';
                rows.push({
                    rowKey: `${dimension.key}/${kind}`,
                    key: dimension.key,
                    name: dimension.name,
                    description: dimension.description,
                    unit: dimension.unit,
                    types: String(dimension.types || '').split(';').join(', '),
                    kind,
                    kindLabel: kind === 'Upfront' ? this.upfrontLabel : 'Usage (per unit)',
                    rate: this.zeroDollar ? 0 : entered.rate,
                    quantity: entered.quantity,
                    withQuantity,
                    quantityRequired: withQuantity && this.installmentsEnabled,
                    required: usageRateRequired(this.pricingModel, dimension, kind),
                    step: String(10 ** -rateDecimals(kind)),
                    rateLocked: this.zeroDollar || !this.editable,
                    problem: this.rowProblem(dimension.key, kind)
                });
            });
        });
        return rows;
    }

    get upfrontLabel() {
        return this.productType === 'AMI' && this.pricingModel === 'Usage' ? 'Upfront (a year, per instance)'
            : 'Upfront (per unit, for the term)';
    }

    get hasRateRows() {
        return this.rateRows.length > 0;
    }

    get noRates() {
        return this.pricingModel === 'Byol';
    }

    get hasUpfrontRates() {
        return Object.entries(this.rates).some(([rowKey, r]) => rowKey.endsWith('/Upfront')
            && ((r.rate !== null && r.rate !== undefined && r.rate !== '') || this.zeroDollar));
    }

    get amiAnnual() {
        return this.productType === 'AMI' && this.pricingModel === 'Usage' && this.hasUpfrontRates;
    }

    get showDuration() {
        return Boolean(this.pricingModel) && needsDuration(this.pricingModel, this.hasUpfrontRates);
    }

    get futureDatesAllowed() {
        return allowsFutureDates(this.productType, this.pricingModel);
    }

    get durationOptions() {
        const choices = [{ label: 'Service length', value: 'length' }];
        if (this.futureDatesAllowed) {
            choices.push({ label: 'New offer starting at future date', value: 'dates' });
        }
        return choices;
    }

    get byDates() {
        return this.futureDatesAllowed && this.durationMode === 'dates';
    }

    get byLength() {
        return !this.byDates && !this.amiAnnual;
    }

    get lengthUnitOptions() {
        return [{ label: 'Months', value: 'months' }, { label: 'Days', value: 'days' }];
    }

    get annualLength() {
        return describeLength(ANNUAL);
    }

    get currencyOptions() {
        const usage = this.rateRows.some((row) => row.kind === 'Usage');
        return options(usage ? ['USD'] : CURRENCIES);
    }

    get installmentsAllowed() {
        return allowsInstallments(this.productType, this.pricingModel, this.hasUpfrontRates || this.pricingModel === 'Contract');
    }

    get showSchedule() {
        return this.installmentsAllowed && this.installmentsEnabled;
    }

    get tiersAllowed() {
        return allowsTiers(this.pricingModel, this.installmentsEnabled);
    }

    get zeroDollarForced() {
        return forcesZeroDollar(this.pricingModel) || !this.editable;
    }

    get isCustomEula() {
        return this.eulaType === 'CustomEula';
    }

    get eulaOptions() {
        return [{ label: 'Standard Contract for AWS Marketplace', value: 'StandardEula' },
            { label: 'Custom EULA (upload the file)', value: 'CustomEula' }];
    }

    get canUpload() {
        return Boolean(this.offerRecordId) && this.editable;
    }

    get eulaAttached() {
        return this.eulaDocumentId ? `Attached: ${this.eulaFileName || this.eulaDocumentId}` : null;
    }

    get channelOptions() {
        return [{ label: 'AWS Marketplace', value: 'AwsMarketplace' }, { label: 'Outside AWS Marketplace', value: 'External' }];
    }

    get renewalPricingOptions() {
        return options(['Contract', 'Usage', 'Byol', 'Free'], PRICING_MODEL_LABELS);
    }

    get contractTotal() {
        const rows = this.rateRows.filter((row) => row.kind === 'Upfront' && row.quantity)
            .map((row) => ({ kind: row.kind, rate: row.rate, quantity: row.quantity }));
        return rows.some((row) => row.rate !== null && row.rate !== undefined && row.rate !== '') ? contractTotal(rows) : null;
    }

    get scheduleStart() {
        return this.byDates && this.startDate ? this.startDate : today();
    }

    get scheduleEnd() {
        if (this.byDates && this.endDate) {
            return addToDate(this.endDate, { days: -1 });
        }
        const length = this.lengthUnit === 'days' ? { days: Number(this.lengthAmount) - 1 }
            : { months: Number(this.lengthAmount) };
        return addToDate(this.expirationDate || today(), length);
    }

    get minDate() {
        return today();
    }

    get actionsDisabled() {
        return this.busy || !this.editable;
    }

    get problemsOfFields() {
        const byField = {};
        Object.keys(FIELD_LABELS).forEach((field) => {
            byField[field] = this.problemsOf(field).join(' ') || null;
        });
        return byField;
    }

    get installmentRowProblems() {
        const byDate = {};
        this.connectorProblems.filter((p) => p.object === INSTALLMENT && p.key).forEach((p) => {
            byDate[p.key] = byDate[p.key] ? `${byDate[p.key]} ${p.message}` : p.message;
        });
        return byDate;
    }

    get scheduleProblem() {
        const general = this.connectorProblems.filter((p) => (p.object === INSTALLMENT && !p.key)
            || p.field === 'Installments_Enabled__c' || ['input', 'totalAmount', 'currency', 'firstPaymentDate',
            'endDate', 'frequencyDays', 'remainder', 'dayCounting'].includes(p.field));
        return general.map((p) => p.message).join(' ') || null;
    }

    /** Problems the page cannot show beside a field: the list at the top. */
    get generalProblems() {
        const shownRows = new Set(this.rateRows.map((row) => row.key));
        return this.connectorProblems.filter((p) => {
            if (p.field && (FIELD_LABELS[p.field] || ['input', 'totalAmount', 'currency', 'firstPaymentDate',
                'endDate', 'frequencyDays', 'remainder', 'dayCounting'].includes(p.field))) {
                return p.field === 'Status__c';
            }
            if ((p.object === RATE || p.object === 'Dimension') && shownRows.has(p.key)) {
                return false;
            }
            return !(p.object === INSTALLMENT && this.showSchedule);
        }).map((p, i) => ({ key: `general-${i}`, text: p.field ? `${p.field}: ${p.message}` : p.message }));
    }

    get problemCount() {
        return this.connectorProblems.length;
    }

    get hasProblems() {
        return this.connectorProblems.length > 0;
    }

    get problemSummary() {
        const n = this.connectorProblems.length;
        return `The connector found ${n} ${n === 1 ? 'thing' : 'things'} to fix, shown beside the fields.`;
    }

    problemsOf(field) {
        return this.connectorProblems.filter((p) => p.field === field).map((p) => p.message);
    }

    rowProblem(key, kind) {
        const messages = this.connectorProblems.filter((p) => ((p.object === RATE && p.key === key)
            || (p.object === 'Dimension' && p.key === key && kind === 'Usage'))).map((p) => p.message);
        return messages.join(' ') || null;
    }

    // ------------------------------------------------------------------ outcome

    get requestStatus() {
        return value(this.request, 'Status__c');
    }

    get requestName() {
        return value(this.request, 'Name');
    }

    get outcome() {
        if (this.platformError) {
            return { title: 'Salesforce refused', detail: this.platformError, tone: 'error' };
        }
        if (!this.requestId) {
            return null;
        }
        const status = this.requestStatus;
        const name = this.requestName ? `Request ${this.requestName}` : 'The request';
        const progress = value(this.request, 'Progress__c');
        if (!status || !finished(status)) {
            return { title: `${name}: ${status || 'Queued'}`, detail: progress || 'The connector works on it; this page'
                + ' follows it.', tone: 'info' };
        }
        if (status === 'Failed') {
            return { title: `${name} failed`, detail: this.hasProblems ? this.problemSummary
                : value(this.request, 'Error__c'), tone: 'error' };
        }
        if (this.requestAction === 'VALIDATE_OFFER') {
            return { title: 'The offer is valid', detail: 'Nothing was sent. This is what Create Offer would send:',
                result: value(this.request, 'Result__c'), tone: 'success' };
        }
        if (this.requestAction === 'GENERATE_PAYMENT_SCHEDULE') {
            return { title: 'Installments generated', detail: value(this.request, 'Result__c'), tone: 'success' };
        }
        const shown = STATUS_LABELS[this.offerStatus] || this.offerStatus || 'Preparing';
        if (this.offerStatus === 'Released') {
            return { title: 'Released', detail: 'Buyers can accept the offer at its buyer URL.', url: this.offerUrl,
                tone: 'success' };
        }
        if (this.offerStatus === 'Draft') {
            return { title: 'Saved as a draft in AWS Marketplace', detail: 'Press Create Offer to release it.',
                tone: 'success' };
        }
        if (this.offerStatus === 'FAILED') {
            return { title: 'Failed', detail: this.hasProblems ? this.problemSummary : this.offerError, tone: 'error' };
        }
        return { title: shown, detail: 'AWS Marketplace is working on the change set; this page follows it.',
            tone: 'info' };
    }

    get outcomeClass() {
        const tone = this.outcome ? this.outcome.tone : 'info';
        return `slds-box slds-m-bottom_medium slds-theme_${tone === 'error' ? 'error' : tone === 'success' ? 'success' : 'shade'}`;
    }

    // ------------------------------------------------------------------ input

    handleField(event) {
        const name = event.target.dataset.field;
        const input = event.target.type === 'checkbox' || event.target.type === 'toggle' ? event.target.checked
            : event.detail && event.detail.value !== undefined ? event.detail.value : event.target.value;
        this[name] = input;
        if (name === 'sellerAccountId') {
            this.productId = undefined;
            this.products = [];
            this.dimensions = [];
        }
        if (name === 'productId') {
            this.dimensions = [];
            this.rates = {};
            if (!offerPricingModels(this.productType).includes(this.pricingModel)) {
                this.pricingModel = undefined;
            }
        }
        if (name === 'pricingModel') {
            this.zeroDollar = forcesZeroDollar(this.pricingModel) ? true : this.zeroDollar;
            if (!this.installmentsAllowed) {
                this.installmentsEnabled = false;
            }
        }
    }

    handleRate(event) {
        const { key, kind, column } = event.target.dataset;
        const rowKey = `${key}/${kind}`;
        const current = this.rates[rowKey] || {};
        const entered = event.target.value === '' ? null : event.target.value;
        this.rates = { ...this.rates, [rowKey]: { ...current, [column]: entered } };
    }

    handleUpload(event) {
        const [file] = event.detail.files;
        this.eulaDocumentId = file.documentId;
        this.eulaFileName = file.name;
        this.run(null).catch(() => {});
    }

    handleInstallmentsChange(event) {
        this.installments = event.detail.rows;
    }

    handleGenerate(event) {
        this.run('GENERATE_PAYMENT_SCHEDULE', paymentScheduleInput(event.detail));
    }

    handleSaveForUpload() {
        this.run(null);
    }

    handleValidate() {
        this.run(ACTIONS.validate);
    }

    handleDraft() {
        this.run(ACTIONS.draft);
    }

    handleCreate() {
        this.run(ACTIONS.create);
    }

    handleCopy() {
        navigator.clipboard.writeText(this.offerUrl).then(() => {
            this.copied = 'Buyer URL copied.';
        }, () => {
            this.copied = 'The browser did not allow copying; select the URL and copy it.';
        });
    }

    copied;

    handleOpenStandardEdit() {
        this[NavigationMixin.Navigate]({ type: 'standard__recordPage', attributes: { recordId: this.recordId,
            objectApiName: OFFER, actionName: 'edit' }, state: { nooverride: '1' } });
    }

    // ------------------------------------------------------------------ writing

    /** Saves what changed, then records the request (none: only save). */
    async run(action, input) {
        this.busy = true;
        this.platformError = null;
        this.copied = null;
        try {
            await this.persist();
            if (!action) {
                return;
            }
            this.connectorProblems = [];
            this.request = null;
            this.offerStatus = null;
            this.requestAction = action;
            this.requestId = await createRequest({ action, sellerAccountId: this.sellerAccountId,
                targetRecordId: this.offerRecordId, input });
            this.startPolling();
        } catch (error) {
            this.platformError = errorMessage(error);
            this.busy = false;
            throw error;
        } finally {
            if (!this.requestId || !action) {
                this.busy = false;
            }
        }
    }

    offerFields() {
        const name = (this.offerName || '').trim();
        const length = this.amiAnnual ? ANNUAL : serviceLength(this.lengthAmount, this.lengthUnit);
        return {
            Name: (name || 'New private offer').slice(0, 80),
            Offer_Name__c: name || null,
            Description__c: this.description || null,
            Offer_Type__c: 'Direct',
            Seller_Account__c: this.sellerAccountId || null,
            Product__c: this.productId || null,
            Buyer_Accounts__c: this.buyerCheck.accounts.join(', ') || null,
            Pricing_Model__c: this.pricingModel || null,
            Currency__c: this.currency,
            Service_Length__c: this.showDuration && !this.byDates ? length : null,
            Service_Start_Date__c: this.showDuration && this.byDates ? this.startDate || null : null,
            Service_End_Date__c: this.showDuration && this.byDates ? this.endDate || null : null,
            Expiration_Date__c: this.expirationDate || null,
            Zero_Dollar_Pricing__c: this.zeroDollar,
            Installments_Enabled__c: this.showSchedule,
            Tiered_Pricing__c: this.tiersAllowed && this.tiered,
            EULA_Type__c: this.eulaType,
            EULA_Document_Id__c: this.isCustomEula ? this.eulaDocumentId || null : null,
            Renewal__c: this.renewal,
            Renewal_Acquisition_Channel__c: this.renewal ? this.renewalChannel || null : null,
            Renewal_Pricing_Model__c: this.renewal ? this.renewalPricing || null : null
        };
    }

    async persist() {
        const fields = this.offerFields();
        if (!this.offerRecordId) {
            const created = await createRecord({ apiName: OFFER, fields });
            this.offerRecordId = created.id;
            this.savedOffer = { ...fields };
        } else {
            const changed = Object.fromEntries(Object.entries(fields).filter(([k, val]) => this.savedOffer[k] !== val));
            if (Object.keys(changed).length) {
                await updateRecord({ fields: { Id: this.offerRecordId, ...changed } });
                this.savedOffer = { ...this.savedOffer, ...changed };
            }
        }
        await this.persistRates();
        await this.persistInstallments();
    }

    async persistRates() {
        const wanted = {};
        this.rateRows.forEach((row) => {
            const priced = row.rate !== null && row.rate !== undefined && row.rate !== '';
            if (priced || (row.quantityRequired && row.quantity)) {
                wanted[row.rowKey] = { key: row.key, kind: row.kind, rate: priced ? Number(row.rate) : null,
                    quantity: row.withQuantity && row.quantity ? Number(row.quantity) : null };
            }
        });
        const saved = { ...this.savedRates };
        for (const [rowKey, rate] of Object.entries(wanted)) {
            const existing = saved[rowKey];
            if (!existing) {
                // eslint-disable-next-line no-await-in-loop
                const created = await createRecord({ apiName: RATE, fields: { Private_Offer__c: this.offerRecordId,
                    Name: rate.key, Dimension_Key__c: rate.key, Rate_Kind__c: rate.kind, Rate__c: rate.rate,
                    Quantity__c: rate.quantity } });
                saved[rowKey] = { id: created.id, rate: rate.rate, quantity: rate.quantity };
            } else if (Number(existing.rate) !== rate.rate || (existing.quantity ? Number(existing.quantity) : null)
                    !== rate.quantity) {
                // eslint-disable-next-line no-await-in-loop
                await updateRecord({ fields: { Id: existing.id, Rate__c: rate.rate, Quantity__c: rate.quantity } });
                saved[rowKey] = { ...existing, rate: rate.rate, quantity: rate.quantity };
            }
        }
        for (const [rowKey, existing] of Object.entries(this.savedRates)) {
            if (!wanted[rowKey]) {
                // eslint-disable-next-line no-await-in-loop
                await deleteRecord(existing.id);
                delete saved[rowKey];
            }
        }
        this.savedRates = saved;
    }

    async persistInstallments() {
        const rows = this.showSchedule ? this.installments : [];
        const kept = [];
        for (let i = 0; i < rows.length; i++) {
            const row = rows[i];
            const amount = row.amount === null || row.amount === '' ? null : Number(row.amount);
            if (!row.id) {
                // eslint-disable-next-line no-await-in-loop
                const created = await createRecord({ apiName: INSTALLMENT, fields: { Private_Offer__c: this.offerRecordId,
                    Installment_Number__c: i + 1, Charge_Date__c: row.date, Charge_Amount__c: amount,
                    Currency__c: this.currency } });
                kept.push({ id: created.id, date: row.date, amount: row.amount });
            } else {
                const before = this.savedInstallments.find((saved) => saved.id === row.id) || {};
                const changed = {};
                if (before.date !== row.date) {
                    changed.Charge_Date__c = row.date;
                }
                if (Number(before.amount) !== amount) {
                    changed.Charge_Amount__c = amount;
                }
                if (Object.keys(changed).length) {
                    // eslint-disable-next-line no-await-in-loop
                    await updateRecord({ fields: { Id: row.id, ...changed } });
                }
                kept.push({ ...row });
            }
        }
        for (const saved of this.savedInstallments) {
            if (!kept.some((row) => row.id === saved.id)) {
                // eslint-disable-next-line no-await-in-loop
                await deleteRecord(saved.id);
            }
        }
        this.installments = kept;
        this.savedInstallments = kept.map((row) => ({ ...row }));
    }

    // ------------------------------------------------------------------ following the request

    startPolling() {
        this.stopPolling();
        // eslint-disable-next-line @lwc/lwc/no-async-operation
        this.pollTimer = setInterval(() => {
            const ids = [{ recordId: this.requestId }];
            if (this.trackedOfferId) {
                ids.push({ recordId: this.trackedOfferId });
            }
            notifyRecordUpdateAvailable(ids);
        }, POLL_MILLIS);
    }

    stopPolling() {
        if (this.pollTimer) {
            clearInterval(this.pollTimer);
            this.pollTimer = null;
        }
    }

    afterRequestChanged() {
        const status = this.requestStatus;
        if (!finished(status)) {
            return;
        }
        if (status === 'Failed') {
            this.connectorProblems = parseProblems(value(this.request, 'Error__c'));
            this.end();
            return;
        }
        if (this.requestAction === 'GENERATE_PAYMENT_SCHEDULE') {
            if (this.installmentsResult && this.installmentsResult.refresh) {
                this.installmentsResult.refresh();
            }
            this.end();
            return;
        }
        if (this.requestAction === 'VALIDATE_OFFER') {
            this.end();
            return;
        }
        if (ENDED.includes(this.offerStatus)) {
            if (this.offerStatus === 'FAILED') {
                this.connectorProblems = parseProblems(this.offerError);
            }
            if (this.offerStatus === 'Released') {
                this.loadedStatus = 'Released';
            }
            this.end();
        }
    }

    end() {
        this.stopPolling();
        this.busy = false;
    }
}
