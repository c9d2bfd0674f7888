import { LightningElement, api, wire } from 'lwc';
import { gql, graphql } from 'lightning/graphql';
import { getRecord } from 'lightning/uiRecordApi';
import {
    CURRENCIES, MAX_RESALE_BUYERS, PRICING_MODEL_LABELS, addToDate, checkAccount, checkBuyers, contractTotal, options,
    paymentScheduleInput, rateDecimals, readServiceLength, resaleRateKinds, serviceLength, today
} from 'c/mpRules';
import { REQUEST_FIELDS, value } from 'c/mpRequests';
import {
    GENERATE_PAYMENT_SCHEDULE, attachedText,
    dimensionColumns, enteredValue, followRecord, generalProblems, installmentRowProblems, messagesOf, nodes,
    problemsByField, productChoice, receiveCatalog, receiveInstallments, receiveRates, receiveRequest,
    requestOutcome, saveAndRequest, saveInstallments, saveRates, saveRecord, scheduleEndAfter, scheduleProblem,
    stopPolling, upfrontCharges, v, wantedRates, withEnteredRate, workingOutcome
} from 'c/mpGuidedPage';

const RA = 'MP_Resale_Authorization__c';
const RATE = 'MP_Resale_Dimension__c';
const INSTALLMENT = 'MP_Resale_Installment__c';
const RA_STATUS_FIELDS = ['MP_Resale_Authorization__c.Status__c', 'MP_Resale_Authorization__c.Last_Error__c',
    'MP_Resale_Authorization__c.Resale_Authorization_Id__c'];
const ENDED = ['Active', 'Draft', 'FAILED', 'Restricted', 'Expired'];
const STATUS_LABELS = { PREPARING: 'Preparing', APPLYING: 'Applying', FAILED: 'Failed', SUCCEEDED: 'Succeeded' };
const ACTIONS = { validate: 'VALIDATE_RESALE_AUTHORIZATION', draft: 'SAVE_RESALE_AUTHORIZATION_DRAFT',
    create: 'CREATE_RESALE_AUTHORIZATION' };
const FIELDS = ['Name', 'Description__c', 'Seller_Account__c', 'Product__c', 'Reseller_Account_Id__c',
    'Buyer_Accounts__c', 'Usage__c', 'Expiration_Date__c', 'Maximum_Agreement_Start_Date__c', 'Pricing_Model__c',
    'Currency__c', 'Service_Length__c', 'Zero_Dollar_Pricing__c', 'Buyer_EULA_Type__c', 'Buyer_EULA_Document_Id__c',
    'Reseller_Contract_Type__c', 'Reseller_Contract_Document_Id__c', 'Renewal_Acquisition_Channel__c',
    'Renewal_Pricing_Model__c', 'Status__c'];

const RECORD = gql`
    query resaleAuthorizationToEdit($raId: ID) {
        uiapi {
            query {
                MP_Resale_Authorization__c(where: { Id: { eq: $raId } }) {
                    edges { node { Id Name { value } Description__c { value } Seller_Account__c { value }
                        Product__c { value } Reseller_Account_Id__c { value } Buyer_Accounts__c { value }
                        Usage__c { value } Expiration_Date__c { value } Maximum_Agreement_Start_Date__c { value }
                        Pricing_Model__c { value } Currency__c { value } Service_Length__c { value }
                        Zero_Dollar_Pricing__c { value } Installments_Enabled__c { value } Buyer_EULA_Type__c { value }
                        Buyer_EULA_Document_Id__c { value } Reseller_Contract_Type__c { value }
                        Reseller_Contract_Document_Id__c { value } Renewal__c { value }
                        Renewal_Acquisition_Channel__c { value } Renewal_Pricing_Model__c { value } Status__c { value } } }
                }
            }
        }
    }`;
const RATES = gql`
    query resaleRates($raId: ID) {
        uiapi {
            query {
                MP_Resale_Dimension__c(where: { Resale_Authorization__c: { eq: $raId } }, first: 200) {
                    edges { node { Id Dimension_Key__c { value } Rate_Kind__c { value } Rate__c { value }
                        Quantity__c { value } } }
                }
            }
        }
    }`;
const INSTALLMENTS = gql`
    query resaleInstallments($raId: ID) {
        uiapi {
            query {
                MP_Resale_Installment__c(where: { Resale_Authorization__c: { eq: $raId } },
                        orderBy: { Charge_Date__c: { order: ASC } }, first: 200) {
                    edges { node { Id Charge_Date__c { value } Charge_Amount__c { value } } }
                }
            }
        }
    }`;

/**
 * Create a Resale Authorization, the guided page of an ISV's resale authorization: the product from the synced list
 * and its dimensions ready for wholesale rates, the reseller's account, the buyers it may sell to, one-time or
 * multi-use, the contract length in months or days, the legal documents (custom ones uploaded in the page) and,
 * for a one-time contract, a payment schedule the connector generates. Shows only what ResaleAuthorizationValidator
 * allows, writes MP_Resale_Authorization__c, its rates and installments, and asks the connector to validate, create
 * (activate) or save it as a draft, with each problem beside its field and the outcome followed without a reload.
 */
export default class MpResaleAuthorizationPage extends LightningElement {
    @api recordId;

    raRecordId;
    loaded = false;
    sellerAccounts = [];
    products = [];
    dimensions = [];

    sellerAccountId;
    productId;
    name = '';
    description = '';
    resellerAccountId = '';
    buyers = '';
    usage = 'Multi-use';
    expirationDate;
    maximumStart;
    pricingModel = 'Contract';
    currency = 'USD';
    lengthAmount = 12;
    lengthUnit = 'months';
    zeroDollar = false;
    installmentsEnabled = false;
    buyerEulaType = 'StandardEula';
    buyerEulaDocumentId;
    contractType = 'StandardResellerContract';
    contractDocumentId;
    renewal = false;
    renewalChannel;
    renewalPricing;
    loadedStatus;

    rates = {};
    installments = [];
    savedFields = {};
    savedRates = {};
    savedInstallments = [];
    uploaded = {};

    busy = false;
    requestId;
    requestAction;
    request;
    raStatus;
    raError;
    platformError;
    connectorProblems = [];
    pollTimer;
    installmentsResult;

    connectedCallback() {
        this.raRecordId = this.recordId;
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

    get recordQuery() {
        return this.recordId ? RECORD : undefined;
    }

    get ratesQuery() {
        return this.recordId ? RATES : undefined;
    }

    get recordVariables() {
        return { raId: this.recordId };
    }

    get installmentsQuery() {
        return this.raRecordId ? INSTALLMENTS : undefined;
    }

    get installmentVariables() {
        return { raId: this.raRecordId };
    }

    @wire(graphql, { query: '$recordQuery', variables: '$recordVariables' })
    wiredRecord({ data }) {
        const [node] = nodes(data, RA);
        if (!node) {
            return;
        }
        this.sellerAccountId = v(node, 'Seller_Account__c');
        this.productId = v(node, 'Product__c');
        this.name = v(node, 'Name') || '';
        this.description = v(node, 'Description__c') || '';
        this.resellerAccountId = v(node, 'Reseller_Account_Id__c') || '';
        this.buyers = v(node, 'Buyer_Accounts__c') || '';
        this.usage = v(node, 'Usage__c') || 'Multi-use';
        this.expirationDate = v(node, 'Expiration_Date__c');
        this.maximumStart = v(node, 'Maximum_Agreement_Start_Date__c');
        this.pricingModel = v(node, 'Pricing_Model__c') || 'Contract';
        this.currency = v(node, 'Currency__c') || 'USD';
        const length = readServiceLength(v(node, 'Service_Length__c'));
        if (length.amount) {
            this.lengthAmount = length.amount;
            this.lengthUnit = length.unit;
        }
        this.zeroDollar = v(node, 'Zero_Dollar_Pricing__c') === true;
        this.installmentsEnabled = v(node, 'Installments_Enabled__c') === true;
        this.buyerEulaType = v(node, 'Buyer_EULA_Type__c') || 'StandardEula';
        this.buyerEulaDocumentId = v(node, 'Buyer_EULA_Document_Id__c');
        this.contractType = v(node, 'Reseller_Contract_Type__c') || 'StandardResellerContract';
        this.contractDocumentId = v(node, 'Reseller_Contract_Document_Id__c');
        this.renewal = v(node, 'Renewal__c') === true;
        this.renewalChannel = v(node, 'Renewal_Acquisition_Channel__c');
        this.renewalPricing = v(node, 'Renewal_Pricing_Model__c');
        this.loadedStatus = v(node, 'Status__c');
        this.savedFields = this.raFields();
        this.loaded = true;
    }

    @wire(graphql, { query: '$ratesQuery', variables: '$recordVariables' })
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

    /** The resale authorization the request works on, while it is followed. */
    get trackedRecordId() {
        return this.requestId && this.requestAction !== GENERATE_PAYMENT_SCHEDULE ? this.raRecordId : undefined;
    }

    @wire(getRecord, { recordId: '$trackedRecordId', fields: RA_STATUS_FIELDS })
    wiredStatus({ data }) {
        if (data) {
            this.raStatus = value(data, 'Status__c');
            this.raError = value(data, 'Last_Error__c');
            this.afterRequestChanged();
        }
    }

    // ------------------------------------------------------------------ what the page shows

    get editable() {
        return !['Active', 'Restricted', 'Expired'].includes(this.loadedStatus);
    }

    get actionsDisabled() {
        return this.busy || !this.editable;
    }

    get notEditable() {
        return !this.editable;
    }


    /** The seller account and product choice: the lists to choose from and the chosen product's type. */
    get choice() {
        return productChoice(this);
    }

    get productType() {
        return this.choice.productType;
    }

    get sellerAccountNumber() {
        const account = this.sellerAccounts.find((a) => a.id === this.sellerAccountId);
        return account ? account.accountId : null;
    }

    get resellerProblem() {
        if (this.resellerAccountId.trim() === '') {
            return this.problemsOf('Reseller_Account_Id__c') || null;
        }
        const typed = checkAccount(this.resellerAccountId) || (this.resellerAccountId.trim() === this.sellerAccountNumber
            ? 'The reseller must be another AWS account than your own seller account.' : null);
        return [typed, this.problemsOf('Reseller_Account_Id__c')].filter(Boolean).join(' ') || null;
    }

    get buyerCheck() {
        return checkBuyers(this.buyers, MAX_RESALE_BUYERS, false);
    }

    get buyerProblems() {
        return [...this.buyerCheck.problems, this.problemsOf('Buyer_Accounts__c')].filter(Boolean).join(' ') || null;
    }

    get usageOptions() {
        return [{ label: 'One-time: the reseller makes one offer from it', value: 'One-time' },
            { label: 'Multi-use', value: 'Multi-use' }];
    }

    get pricingModelOptions() {
        return options(['Contract', 'Usage'], PRICING_MODEL_LABELS);
    }

    get isContract() {
        return this.pricingModel === 'Contract';
    }

    get futureStartAllowed() {
        return this.productType === 'SaaS';
    }

    get rateRows() {
        if (!this.productType) {
            return [];
        }
        const rows = [];
        this.dimensions.forEach((dimension) => {
            resaleRateKinds(this.pricingModel, dimension).forEach((kind) => {
                const entered = this.rates[`${dimension.key}/${kind}`] || {};
                rows.push({
                    ...dimensionColumns(dimension, kind),
                    kindLabel: kind === 'Upfront' ? 'Upfront (per unit, for the term)' : 'Usage (per unit)',
                    rate: this.zeroDollar ? 0 : entered.rate,
                    quantity: entered.quantity,
                    withQuantity: kind === 'Upfront' && this.showSchedule,
                    quantityRequired: true,
                    required: this.pricingModel === 'Usage',
                    step: String(10 ** -rateDecimals(kind, true)),
                    rateLocked: this.zeroDollar || !this.editable,
                    problem: this.rowProblem(dimension.key)
                });
            });
        });
        return rows;
    }

    get hasRateRows() {
        return this.rateRows.length > 0;
    }

    get currencyOptions() {
        return options(this.rateRows.some((row) => row.kind === 'Usage') ? ['USD'] : CURRENCIES);
    }

    get installmentsAllowed() {
        return this.isContract && this.usage === 'One-time';
    }

    get scheduleNeeds() {
        return this.installmentsAllowed && !this.expirationDate
            ? 'A payment schedule needs an expiration date on the authorization.' : null;
    }

    get showSchedule() {
        return this.installmentsAllowed && this.installmentsEnabled;
    }

    get contractTotal() {
        const rows = upfrontCharges(this.rateRows);
        return rows.length ? contractTotal(rows) : null;
    }

    get scheduleStart() {
        return today();
    }

    get scheduleEnd() {
        return scheduleEndAfter(this.expirationDate, this.lengthAmount, this.lengthUnit);
    }

    get buyerEulaOptions() {
        return [{ label: 'Standard Contract for AWS Marketplace', value: 'StandardEula' },
            { label: 'Enterprise Contract for AWS Marketplace', value: 'EnterpriseEula' },
            { label: 'Custom EULA (upload the file)', value: 'CustomEula' }];
    }

    get contractOptions() {
        return [{ label: 'Standard reseller contract', value: 'StandardResellerContract' },
            { label: 'Custom reseller contract (upload the file)', value: 'CustomResellerContract' }];
    }

    get customEula() {
        return this.buyerEulaType === 'CustomEula';
    }

    get customContract() {
        return this.contractType === 'CustomResellerContract';
    }

    get needsSaveForUpload() {
        return (this.customEula || this.customContract) && !this.raRecordId && this.editable;
    }

    get canUpload() {
        return Boolean(this.raRecordId) && this.editable;
    }

    get eulaAttached() {
        return attachedText(this.buyerEulaDocumentId, this.uploaded.eula);
    }

    get contractAttached() {
        return attachedText(this.contractDocumentId, this.uploaded.contract);
    }

    get minDate() {
        return today();
    }

    get maxStartDate() {
        return addToDate(today(), { months: 36 });
    }

    get problemsOfFields() {
        return problemsByField(this.connectorProblems, FIELDS.concat(['Installments_Enabled__c']));
    }

    get installmentRowProblems() {
        return installmentRowProblems(this.connectorProblems, INSTALLMENT);
    }

    get scheduleProblem() {
        return scheduleProblem(this.connectorProblems, INSTALLMENT);
    }

    get generalProblems() {
        return generalProblems(this.connectorProblems, { fields: FIELDS, rateObjects: [RATE],
            shownRowKeys: new Set(this.rateRows.map((row) => row.key)), installmentObject: INSTALLMENT,
            scheduleShown: this.showSchedule });
    }

    get hasProblems() {
        return this.connectorProblems.length > 0;
    }

    problemsOf(field) {
        return messagesOf(this.connectorProblems, field).join(' ');
    }

    rowProblem(key) {
        return this.connectorProblems.filter((p) => p.object === RATE && p.key === key).map((p) => p.message)
            .join(' ') || null;
    }

    get outcome() {
        const outcome = requestOutcome(this);
        if (outcome !== undefined) {
            return outcome;
        }
        if (this.requestAction === ACTIONS.validate) {
            return { title: 'The resale authorization is valid', detail: 'Nothing was sent. This is what Create'
                + ' Resale Authorization would send:', result: value(this.request, 'Result__c'), tone: 'success' };
        }
        if (this.raStatus === 'Active') {
            return { title: 'Active', detail: 'The reseller can now make offers from it.', tone: 'success' };
        }
        if (this.raStatus === 'Draft') {
            return { title: 'Saved as a draft in AWS Marketplace', detail: 'Press Create Resale Authorization to'
                + ' activate it.', tone: 'success' };
        }
        if (this.raStatus === 'FAILED') {
            return { title: 'Failed', detail: this.hasProblems ? 'Fix what is shown beside the fields.' : this.raError,
                tone: 'error' };
        }
        return workingOutcome(STATUS_LABELS[this.raStatus] || 'Preparing');
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
        }
        if (!this.installmentsAllowed) {
            this.installmentsEnabled = false;
        }
    }

    handleRate(event) {
        this.rates = withEnteredRate(this.rates, event.detail);
    }

    handleEulaUpload(event) {
        const [file] = event.detail.files;
        this.buyerEulaDocumentId = file.documentId;
        this.uploaded = { ...this.uploaded, eula: file.name };
        this.run(null).catch(() => {});
    }

    handleContractUpload(event) {
        const [file] = event.detail.files;
        this.contractDocumentId = file.documentId;
        this.uploaded = { ...this.uploaded, contract: file.name };
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

    // ------------------------------------------------------------------ writing

    /** Saves what changed, then records the request (none: only save). */
    run(action, input) {
        return saveAndRequest(this, action, () => ({ sellerAccountId: this.sellerAccountId,
            targetRecordId: this.raRecordId, input }), () => {
            this.raStatus = null;
        });
    }

    raFields() {
        const name = (this.name || '').trim();
        return {
            Name: name || 'New resale authorization',
            Description__c: this.description || null,
            Seller_Account__c: this.sellerAccountId || null,
            Product__c: this.productId || null,
            Reseller_Account_Id__c: this.resellerAccountId.trim() || null,
            Buyer_Accounts__c: this.buyerCheck.accounts.join(', ') || null,
            Usage__c: this.usage,
            Expiration_Date__c: this.expirationDate || null,
            Maximum_Agreement_Start_Date__c: this.futureStartAllowed ? this.maximumStart || null : null,
            Pricing_Model__c: this.pricingModel,
            Currency__c: this.currency,
            Service_Length__c: this.isContract ? serviceLength(this.lengthAmount, this.lengthUnit) : null,
            Zero_Dollar_Pricing__c: this.zeroDollar,
            Installments_Enabled__c: this.showSchedule,
            Buyer_EULA_Type__c: this.buyerEulaType,
            Buyer_EULA_Document_Id__c: this.customEula ? this.buyerEulaDocumentId || null : null,
            Reseller_Contract_Type__c: this.contractType,
            Reseller_Contract_Document_Id__c: this.customContract ? this.contractDocumentId || null : null,
            Renewal__c: this.renewal,
            Renewal_Acquisition_Channel__c: this.renewal ? this.renewalChannel || null : null,
            Renewal_Pricing_Model__c: this.renewal ? this.renewalPricing || null : null
        };
    }

    async persist() {
        const record = await saveRecord({ apiName: RA, id: this.raRecordId, fields: this.raFields(),
            saved: this.savedFields });
        this.raRecordId = record.id;
        this.savedFields = record.saved;
        const parent = { field: 'Resale_Authorization__c', id: this.raRecordId };
        this.savedRates = await saveRates({ object: RATE, parent, saved: this.savedRates,
            wanted: wantedRates(this.rateRows, (row) => row.withQuantity) });
        const kept = await saveInstallments({ object: INSTALLMENT, parent, rows: this.showSchedule ? this.installments : [],
            saved: this.savedInstallments, currency: this.currency });
        this.installments = kept;
        this.savedInstallments = kept.map((row) => ({ ...row }));
    }

    // ------------------------------------------------------------------ following the request

    afterRequestChanged() {
        followRecord(this, { validate: ACTIONS.validate, ended: ENDED, status: this.raStatus, error: this.raError,
            settled: 'Active' });
    }
}
