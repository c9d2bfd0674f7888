import { LightningElement, api, wire } from 'lwc';
import { gql, graphql } from 'lightning/graphql';
import { createRecord, deleteRecord, getRecord, notifyRecordUpdateAvailable, updateRecord } from 'lightning/uiRecordApi';
import {
    CURRENCIES, MAX_RESALE_BUYERS, PRICING_MODEL_LABELS, PRODUCT_TYPES, addToDate, checkAccount, checkBuyers,
    contractTotal, options, paymentScheduleInput, rateDecimals, readServiceLength, resaleRateKinds,
    serviceLength, today
} from 'c/mpRules';
import { POLL_MILLIS, REQUEST_FIELDS, createRequest, errorMessage, finished, parseProblems, value } from 'c/mpRequests';

const RA = 'MP_Resale_Authorization__c';
const RATE = 'MP_Resale_Dimension__c';
const INSTALLMENT = 'MP_Resale_Installment__c';
const RA_STATUS_FIELDS = ['MP_Resale_Authorization__c.Status__c', 'MP_Resale_Authorization__c.Last_Error__c',
    'MP_Resale_Authorization__c.Resale_Authorization_Id__c'];
const ENDED = ['Active', 'Draft', 'FAILED', 'Restricted', 'Expired'];
const STATUS_LABELS = { PREPARING: 'Preparing', APPLYING: 'Applying', FAILED: 'Failed', SUCCEEDED: 'Succeeded' };
const SCHEDULE_FIELDS = ['input', 'totalAmount', 'currency', 'firstPaymentDate', 'endDate', 'frequencyDays',
    'remainder', 'dayCounting', 'Installments_Enabled__c'];
const FIELDS = ['Name', 'Description__c', 'Seller_Account__c', 'Product__c', 'Reseller_Account_Id__c',
    'Buyer_Accounts__c', 'Usage__c', 'Expiration_Date__c', 'Maximum_Agreement_Start_Date__c', 'Pricing_Model__c',
    'Currency__c', 'Service_Length__c', 'Zero_Dollar_Pricing__c', 'Buyer_EULA_Type__c', 'Buyer_EULA_Document_Id__c',
    'Reseller_Contract_Type__c', 'Reseller_Contract_Document_Id__c', 'Renewal_Acquisition_Channel__c',
    'Renewal_Pricing_Model__c', 'Status__c'];

const SELLER_ACCOUNTS = gql`
    query resaleSellerAccounts {
        uiapi {
            query {
                AWS_Seller_Account__c(orderBy: { Name: { order: ASC } }, first: 200) {
                    edges { node { Id Name { value } Account_Id__c { value } Role__c { value } } }
                }
            }
        }
    }`;
const PRODUCTS = gql`
    query resaleProducts($sellerAccountId: ID) {
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
    query resaleProductDimensions($productId: ID) {
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

function nodes(data, object) {
    return data && data.uiapi ? data.uiapi.query[object].edges.map((edge) => edge.node) : [];
}

function v(node, field) {
    return node[field] ? node[field].value : null;
}

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
        this.stopPolling();
    }

    // ------------------------------------------------------------------ reading

    @wire(graphql, { query: SELLER_ACCOUNTS })
    wiredSellerAccounts({ data }) {
        if (data) {
            this.sellerAccounts = nodes(data, 'AWS_Seller_Account__c')
                .filter((node) => v(node, 'Role__c') !== 'Channel Partner')
                .map((node) => ({ id: node.Id, name: v(node, 'Name'), accountId: v(node, 'Account_Id__c') }));
            if (!this.sellerAccountId && this.sellerAccounts.length === 1) {
                this.sellerAccountId = this.sellerAccounts[0].id;
            }
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

    get trackedRecordId() {
        return this.requestId && this.requestAction !== 'GENERATE_PAYMENT_SCHEDULE' ? this.raRecordId : undefined;
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

    get showSellerAccounts() {
        return this.sellerAccounts.length > 1;
    }

    get sellerAccountOptions() {
        return this.sellerAccounts.map((a) => ({ label: `${a.name} (${a.accountId})`, value: a.id }));
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

    get hasProduct() {
        return Boolean(this.productType);
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
                    rowKey: `${dimension.key}/${kind}`,
                    key: dimension.key,
                    name: dimension.name,
                    description: dimension.description,
                    unit: dimension.unit,
                    types: String(dimension.types || '').split(';').join(', '),
                    kind,
                    kindLabel: kind === 'Upfront' ? 'Upfront (per unit, for the term)' : 'Usage (per unit)',
                    rate: this.zeroDollar ? 0 : entered.rate,
                    quantity: entered.quantity,
                    withQuantity: kind === 'Upfront' && this.showSchedule,
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

    get lengthUnitOptions() {
        return [{ label: 'Months', value: 'months' }, { label: 'Days', value: 'days' }];
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
        const rows = this.rateRows.filter((row) => row.kind === 'Upfront' && row.quantity)
            .map((row) => ({ kind: row.kind, rate: row.rate, quantity: row.quantity }));
        return rows.length ? contractTotal(rows) : null;
    }

    get scheduleStart() {
        return today();
    }

    get scheduleEnd() {
        return addToDate(this.expirationDate || today(), this.lengthUnit === 'days'
            ? { days: Number(this.lengthAmount) - 1 } : { months: Number(this.lengthAmount) });
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
        return this.buyerEulaDocumentId ? `Attached: ${this.uploaded.eula || this.buyerEulaDocumentId}` : null;
    }

    get contractAttached() {
        return this.contractDocumentId ? `Attached: ${this.uploaded.contract || this.contractDocumentId}` : null;
    }

    get channelOptions() {
        return [{ label: 'AWS Marketplace', value: 'AwsMarketplace' }, { label: 'Outside AWS Marketplace', value: 'External' }];
    }

    get renewalPricingOptions() {
        return options(['Contract', 'Usage', 'Byol', 'Free'], PRICING_MODEL_LABELS);
    }

    get minDate() {
        return today();
    }

    get maxStartDate() {
        return addToDate(today(), { months: 36 });
    }

    get problemsOfFields() {
        const byField = {};
        FIELDS.concat(['Installments_Enabled__c']).forEach((field) => {
            byField[field] = this.problemsOf(field) || null;
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
        return this.connectorProblems.filter((p) => (p.object === INSTALLMENT && !p.key)
            || SCHEDULE_FIELDS.includes(p.field)).map((p) => p.message).join(' ') || null;
    }

    get generalProblems() {
        const shownRows = new Set(this.rateRows.map((row) => row.key));
        return this.connectorProblems.filter((p) => {
            if (p.field && (FIELDS.includes(p.field) || SCHEDULE_FIELDS.includes(p.field))) {
                return p.field === 'Status__c';
            }
            if (p.object === RATE && shownRows.has(p.key)) {
                return false;
            }
            return !(p.object === INSTALLMENT && this.showSchedule);
        }).map((p, i) => ({ key: `general-${i}`, text: p.field ? `${p.field}: ${p.message}` : p.message }));
    }

    get hasProblems() {
        return this.connectorProblems.length > 0;
    }

    problemsOf(field) {
        return this.connectorProblems.filter((p) => p.field === field).map((p) => p.message).join(' ');
    }

    rowProblem(key) {
        return this.connectorProblems.filter((p) => p.object === RATE && p.key === key).map((p) => p.message)
            .join(' ') || null;
    }

    get outcome() {
        if (this.platformError) {
            return { title: 'Salesforce refused', detail: this.platformError, tone: 'error' };
        }
        if (!this.requestId) {
            return null;
        }
        const status = value(this.request, 'Status__c');
        const name = value(this.request, 'Name') ? `Request ${value(this.request, 'Name')}` : 'The request';
        if (!status || !finished(status)) {
            return { title: `${name}: ${status || 'Queued'}`, detail: value(this.request, 'Progress__c')
                || 'The connector works on it; this page follows it.', tone: 'info' };
        }
        if (status === 'Failed') {
            const n = this.connectorProblems.length;
            return { title: `${name} failed`, detail: n ? `The connector found ${n} ${n === 1 ? 'thing' : 'things'} to`
                + ' fix, shown beside the fields.' : value(this.request, 'Error__c'), tone: 'error' };
        }
        if (this.requestAction === 'VALIDATE_RESALE_AUTHORIZATION') {
            return { title: 'The resale authorization is valid', detail: 'Nothing was sent. This is what Create'
                + ' Resale Authorization would send:', result: value(this.request, 'Result__c'), tone: 'success' };
        }
        if (this.requestAction === 'GENERATE_PAYMENT_SCHEDULE') {
            return { title: 'Installments generated', detail: value(this.request, 'Result__c'), tone: 'success' };
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
        return { title: STATUS_LABELS[this.raStatus] || 'Preparing', detail: 'AWS Marketplace is working on the change'
            + ' set; this page follows it.', tone: 'info' };
    }

    get outcomeClass() {
        const tone = this.outcome ? this.outcome.tone : 'info';
        return `slds-box slds-m-bottom_medium slds-theme_${tone === 'error' ? 'error' : tone === 'success' ? 'success' : 'shade'}`;
    }

    // ------------------------------------------------------------------ input

    handleField(event) {
        const name = event.target.dataset.field;
        this[name] = event.target.type === 'checkbox' || event.target.type === 'toggle' ? event.target.checked
            : event.detail && event.detail.value !== undefined ? event.detail.value : event.target.value;
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
        const { key, kind, column } = event.target.dataset;
        const rowKey = `${key}/${kind}`;
        const entered = event.target.value === '' ? null : event.target.value;
        this.rates = { ...this.rates, [rowKey]: { ...(this.rates[rowKey] || {}), [column]: entered } };
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
        this.run('GENERATE_PAYMENT_SCHEDULE', paymentScheduleInput(event.detail));
    }

    handleSaveForUpload() {
        this.run(null);
    }

    handleValidate() {
        this.run('VALIDATE_RESALE_AUTHORIZATION');
    }

    handleDraft() {
        this.run('SAVE_RESALE_AUTHORIZATION_DRAFT');
    }

    handleCreate() {
        this.run('CREATE_RESALE_AUTHORIZATION');
    }

    // ------------------------------------------------------------------ writing

    async run(action, input) {
        this.busy = true;
        this.platformError = null;
        let following = false;
        try {
            await this.persist();
            if (action) {
                this.connectorProblems = [];
                this.request = null;
                this.raStatus = null;
                this.requestAction = action;
                this.requestId = await createRequest({ action, sellerAccountId: this.sellerAccountId,
                    targetRecordId: this.raRecordId, input });
                following = true;
                this.startPolling();
            }
        } catch (error) {
            this.platformError = errorMessage(error);
            throw error;
        } finally {
            if (!following) {
                this.busy = false;
            }
        }
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
        const fields = this.raFields();
        if (!this.raRecordId) {
            const created = await createRecord({ apiName: RA, fields });
            this.raRecordId = created.id;
            this.savedFields = { ...fields };
        } else {
            const changed = Object.fromEntries(Object.entries(fields).filter(([k, val]) => this.savedFields[k] !== val));
            if (Object.keys(changed).length) {
                await updateRecord({ fields: { Id: this.raRecordId, ...changed } });
                this.savedFields = { ...this.savedFields, ...changed };
            }
        }
        await this.persistRates();
        await this.persistInstallments();
    }

    async persistRates() {
        const wanted = {};
        this.rateRows.forEach((row) => {
            const priced = row.rate !== null && row.rate !== undefined && row.rate !== '';
            if (priced || (row.withQuantity && row.quantity)) {
                wanted[row.rowKey] = { key: row.key, kind: row.kind, rate: priced ? Number(row.rate) : null,
                    quantity: row.withQuantity && row.quantity ? Number(row.quantity) : null };
            }
        });
        const saved = { ...this.savedRates };
        for (const [rowKey, rate] of Object.entries(wanted)) {
            const existing = saved[rowKey];
            if (!existing) {
                // eslint-disable-next-line no-await-in-loop
                const created = await createRecord({ apiName: RATE, fields: { Resale_Authorization__c: this.raRecordId,
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
                const created = await createRecord({ apiName: INSTALLMENT, fields: {
                    Resale_Authorization__c: this.raRecordId, Installment_Number__c: i + 1, Charge_Date__c: row.date,
                    Charge_Amount__c: amount, Currency__c: this.currency } });
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
            if (this.trackedRecordId) {
                ids.push({ recordId: this.trackedRecordId });
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
        const status = value(this.request, 'Status__c');
        if (!finished(status)) {
            return;
        }
        if (status === 'Failed') {
            this.connectorProblems = parseProblems(value(this.request, 'Error__c'));
            this.end();
        } else if (this.requestAction === 'GENERATE_PAYMENT_SCHEDULE') {
            if (this.installmentsResult && this.installmentsResult.refresh) {
                this.installmentsResult.refresh();
            }
            this.end();
        } else if (this.requestAction === 'VALIDATE_RESALE_AUTHORIZATION') {
            this.end();
        } else if (ENDED.includes(this.raStatus)) {
            if (this.raStatus === 'FAILED') {
                this.connectorProblems = parseProblems(this.raError);
            } else if (this.raStatus === 'Active') {
                this.loadedStatus = 'Active';
            }
            this.end();
        }
    }

    end() {
        this.stopPolling();
        this.busy = false;
    }
}
