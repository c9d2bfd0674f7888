import { LightningElement, api, wire } from 'lwc';
import { gql, graphql } from 'lightning/graphql';
import { getRecord } from 'lightning/uiRecordApi';
import { NavigationMixin } from 'lightning/navigation';
import {
    ANNUAL, CURRENCIES, MAX_OFFER_BUYERS, PRICING_MODEL_LABELS, PRODUCT_TYPES, addToDate, allowsFutureDates,
    allowsInstallments, allowsTiers, checkBuyers, contractTotal, describeLength, forcesZeroDollar, needsDuration,
    offerPricingModels, offerRateKinds, options, paymentScheduleInput, rateDecimals, readServiceLength, serviceLength,
    today, usageRateRequired
} from 'c/mpRules';
import { REQUEST_FIELDS, value } from 'c/mpRequests';
import {
    GENERATE_PAYMENT_SCHEDULE, attachedText,
    dimensionColumns, enteredValue, followRecord, generalProblems, installmentRowProblems, messagesOf, nodes,
    offerOutcome, problemsByField, problemSummary, productChoice, receiveCatalog, receiveInstallments, receiveRates,
    receiveRequest, requestOutcome, saveAndRequest, saveInstallments, saveRates, saveRecord, scheduleEndAfter,
    scheduleProblem, stopPolling, upfrontCharges, v, wantedRates, withEnteredRate
} from 'c/mpGuidedPage';

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

    connectedCallback() {
        this.offerRecordId = this.recordId;
        this.expirationDate = addToDate(today(), { days: 30 });
        if (!this.recordId) {
            this.loaded = true;
        }
    }

    disconnectedCallback() {
        stopPolling(this);
    }

    // ------------------------------------------------------------------ reading

    /** What c-mp-synced-products read: seller accounts, products, dimensions. */
    handleCatalog(event) {
        receiveCatalog(this, event.detail);
    }

    handleCatalogError(event) {
        this.platformError = 'The seller accounts could not be read: ' + event.detail;
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
        receiveRates(this, data, RATE);
    }

    @wire(graphql, { query: '$installmentsQuery', variables: '$installmentVariables' })
    wiredInstallments(result) {
        receiveInstallments(this, result, INSTALLMENT);
    }

    @wire(getRecord, { recordId: '$requestId', fields: REQUEST_FIELDS })
    wiredRequest(result) {
        receiveRequest(this, result, () => this.afterRequestChanged());
    }

    /** The offer the request works on, while it is followed. */
    get trackedRecordId() {
        return this.requestId && this.requestAction !== GENERATE_PAYMENT_SCHEDULE ? this.offerRecordId : undefined;
    }

    @wire(getRecord, { recordId: '$trackedRecordId', fields: OFFER_STATUS_FIELDS })
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


    get noSellerAccount() {
        return this.loaded && this.sellerAccounts.length === 0 && !this.sellerAccountId;
    }

    /** The seller account and product choice: the lists to choose from and the chosen product's type. */
    get choice() {
        return productChoice(this);
    }

    get productType() {
        return this.choice.productType;
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
                    ...dimensionColumns(dimension, kind),
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
        return attachedText(this.eulaDocumentId, this.eulaFileName);
    }

    get contractTotal() {
        const rows = upfrontCharges(this.rateRows);
        return rows.some((row) => row.rate !== null && row.rate !== undefined && row.rate !== '') ? contractTotal(rows) : null;
    }

    get scheduleStart() {
        return this.byDates && this.startDate ? this.startDate : today();
    }

    get scheduleEnd() {
        if (this.byDates && this.endDate) {
            return addToDate(this.endDate, { days: -1 });
        }
        return scheduleEndAfter(this.expirationDate, this.lengthAmount, this.lengthUnit);
    }

    get minDate() {
        return today();
    }

    get actionsDisabled() {
        return this.busy || !this.editable;
    }

    get problemsOfFields() {
        return problemsByField(this.connectorProblems, Object.keys(FIELD_LABELS));
    }

    get installmentRowProblems() {
        return installmentRowProblems(this.connectorProblems, INSTALLMENT);
    }

    get scheduleProblem() {
        return scheduleProblem(this.connectorProblems, INSTALLMENT);
    }

    /** Problems the page cannot show beside a field: the list at the top. */
    get generalProblems() {
        return generalProblems(this.connectorProblems, { fields: Object.keys(FIELD_LABELS),
            rateObjects: [RATE, 'Dimension'], shownRowKeys: new Set(this.rateRows.map((row) => row.key)),
            installmentObject: INSTALLMENT, scheduleShown: this.showSchedule });
    }

    get problemCount() {
        return this.connectorProblems.length;
    }

    get hasProblems() {
        return this.connectorProblems.length > 0;
    }

    get problemSummary() {
        return problemSummary(this.connectorProblems);
    }

    problemsOf(field) {
        return messagesOf(this.connectorProblems, field);
    }

    rowProblem(key, kind) {
        const messages = this.connectorProblems.filter((p) => ((p.object === RATE && p.key === key)
            || (p.object === 'Dimension' && p.key === key && kind === 'Usage'))).map((p) => p.message);
        return messages.join(' ') || null;
    }

    // ------------------------------------------------------------------ outcome

    get outcome() {
        const outcome = requestOutcome(this);
        return outcome !== undefined ? outcome : offerOutcome(this, { status: this.offerStatus, url: this.offerUrl,
            failedDetail: this.hasProblems ? this.problemSummary : this.offerError,
            workingTitle: STATUS_LABELS[this.offerStatus] || this.offerStatus || 'Preparing' });
    }

    // ------------------------------------------------------------------ input

    handleField(event) {
        this.enter(event.target.dataset.field, enteredValue(event));
    }

    /** What a part of the page reports entered ("fieldchange": service length, renewal). */
    handleEntered(event) {
        this.enter(event.detail.field, event.detail.value);
    }

    enter(name, entered) {
        this[name] = entered;
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
        this.rates = withEnteredRate(this.rates, event.detail);
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
        this.run(GENERATE_PAYMENT_SCHEDULE, paymentScheduleInput(event.detail));
    }

    handleSaveForUpload() {
        this.run(null);
    }

    /** Validate, Save as Draft, Create (mpRequestActions' events). */
    handleAction(event) {
        this.run(ACTIONS[event.type]);
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
    run(action, input) {
        this.copied = null;
        return saveAndRequest(this, action, () => ({ sellerAccountId: this.sellerAccountId,
            targetRecordId: this.offerRecordId, input }), () => {
            this.offerStatus = null;
        });
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
        const offer = await saveRecord({ apiName: OFFER, id: this.offerRecordId, fields: this.offerFields(),
            saved: this.savedOffer });
        this.offerRecordId = offer.id;
        this.savedOffer = offer.saved;
        const parent = { field: 'Private_Offer__c', id: this.offerRecordId };
        this.savedRates = await saveRates({ object: RATE, parent, saved: this.savedRates,
            wanted: wantedRates(this.rateRows, (row) => row.quantityRequired) });
        const kept = await saveInstallments({ object: INSTALLMENT, parent, rows: this.showSchedule ? this.installments : [],
            saved: this.savedInstallments, currency: this.currency });
        this.installments = kept;
        this.savedInstallments = kept.map((row) => ({ ...row }));
    }

    // ------------------------------------------------------------------ following the request

    afterRequestChanged() {
        followRecord(this, { validate: ACTIONS.validate, ended: ENDED, status: this.offerStatus, error: this.offerError,
            settled: 'Released' });
    }
}
