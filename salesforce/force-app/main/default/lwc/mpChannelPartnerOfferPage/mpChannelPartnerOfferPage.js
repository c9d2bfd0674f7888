import { LightningElement, api, wire } from 'lwc';
import { CloseActionScreenEvent } from 'lightning/actions';
import { createRecord, getRecord, notifyRecordUpdateAvailable, updateRecord } from 'lightning/uiRecordApi';
import {
    MAX_CHANNEL_PARTNER_BUYERS, addToDate, buyerEulaType, checkBuyers, describeLength, json, legalDocuments, money,
    today, wholesaleDuration, wholesaleRates, wholesaleSchedule
} from 'c/mpRules';
import { POLL_MILLIS, REQUEST_FIELDS, createRequest, errorMessage, finished, parseProblems, value } from 'c/mpRequests';

const OFFER = 'MP_Private_Offer__c';
const SHARED = 'MP_Shared_Resale_Authorization__c';
const SHARED_FIELDS = ['Name', 'Resale_Authorization_Id__c', 'Seller_Account__c', 'Product__c', 'Product_Name__c',
    'Product_Id__c', 'ISV_Legal_Name__c', 'Pricing_Model__c', 'Currency__c', 'Wholesale_Rates__c', 'Legal_Terms__c',
    'Usage__c', 'Expiration_Date__c', 'Status__c', 'Buyer_Accounts__c', 'Offers_Created__c', 'Offer_Status__c',
    'Maximum_Agreement_Start_Date__c'].map((field) => `${SHARED}.${field}`);
const OFFER_STATUS_FIELDS = ['MP_Private_Offer__c.Status__c', 'MP_Private_Offer__c.Offer_URL__c',
    'MP_Private_Offer__c.Last_Error__c'];
const ENDED = ['Released', 'Draft', 'FAILED'];
const STATUS_LABELS = { PREPARING: 'Preparing', APPLYING: 'Applying', FAILED: 'Failed' };
const FIELDS = ['Offer_Name__c', 'Description__c', 'Buyer_Accounts__c', 'Markup_Percentage__c', 'Expiration_Date__c',
    'Reseller_Contract_Accepted__c', 'EULA_Type__c', 'EULA_Document_Id__c', 'Service_Start_Date__c',
    'Service_End_Date__c', 'Service_Length__c', 'Shared_Resale_Authorization__c', 'Currency__c',
    'Installments_Enabled__c'];

/**
 * Create Channel Partner Offer, a screen quick action on a shared resale authorization: the partner reviews what the
 * ISV fixed (product, wholesale rates, duration, installments, legal terms), enters buyers, a price adjustment
 * (markup), the expiration, may start the agreement on a future date the authorization allows and add its own EULA,
 * accepts the reseller contract, and sends the offer. Writes the channel partner offer as the connector's draft would
 * (ChannelPartnerOfferDraft: the offer, its rates and the ISV's installments) and asks the connector to validate,
 * create or save it, showing each problem beside its field and the outcome without a reload.
 */
export default class MpChannelPartnerOfferPage extends LightningElement {
    @api recordId;

    authorization;
    loadError;
    offerRecordId;
    offerName = '';
    description = '';
    buyers = '';
    markup = '0';
    expirationDate;
    futureStart = false;
    startDate;
    ownEula = false;
    eulaDocumentId;
    eulaFileName;
    contractAccepted = false;
    savedOffer = {};

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

    disconnectedCallback() {
        this.stopPolling();
    }

    @wire(getRecord, { recordId: '$recordId', fields: SHARED_FIELDS })
    wiredAuthorization({ data, error }) {
        if (data) {
            this.authorization = data;
            if (!this.expirationDate) {
                const latest = this.field('Expiration_Date__c');
                const inMonth = addToDate(today(), { days: 30 });
                this.expirationDate = latest && latest < inMonth ? latest : inMonth;
            }
            if (!this.offerName) {
                this.offerName = this.field('Name') || '';
            }
        } else if (error) {
            this.loadError = errorMessage(error);
        }
    }

    get trackedOfferId() {
        return this.requestId ? this.offerRecordId : undefined;
    }

    @wire(getRecord, { recordId: '$requestId', fields: REQUEST_FIELDS })
    wiredRequest({ data }) {
        if (data) {
            this.request = data;
            this.afterRequestChanged();
        }
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

    field(name) {
        return value(this.authorization, name);
    }

    // ------------------------------------------------------------------ the authorization

    get loaded() {
        return Boolean(this.authorization);
    }

    get terms() {
        return json(this.field('Wholesale_Rates__c'));
    }

    get legal() {
        return json(this.field('Legal_Terms__c'));
    }

    get currency() {
        return this.field('Currency__c') || 'USD';
    }

    get duration() {
        return wholesaleDuration(this.terms);
    }

    get durationText() {
        return this.duration ? describeLength(this.duration) : 'Pay as you go (no fixed duration)';
    }

    get schedule() {
        return wholesaleSchedule(this.terms);
    }

    get hasSchedule() {
        return this.schedule.length > 0;
    }

    get markupFactor() {
        const markup = Number(this.markup);
        return Number.isFinite(markup) ? 1 + markup / 100 : 1;
    }

    get rateRows() {
        return wholesaleRates(this.terms).map((rate) => ({
            rowKey: `${rate.key}/${rate.kind}`,
            key: rate.key,
            kind: rate.kind,
            quantity: rate.quantity,
            wholesale: rate.kind === 'Usage' ? rate.rate : money(rate.rate, this.currency),
            buyerPrice: rate.kind === 'Usage' ? String(Number((Number(rate.rate) * this.markupFactor).toFixed(8)))
                : money(Number(rate.rate) * this.markupFactor, this.currency)
        }));
    }

    get scheduleRows() {
        return this.schedule.map((charge, i) => ({ key: `charge-${i}`, date: charge.date,
            wholesale: money(charge.amount, this.currency),
            buyerPays: money(Number(charge.amount) * this.markupFactor, this.currency) }));
    }

    get documents() {
        return legalDocuments(this.legal);
    }

    get allowedBuyers() {
        return String(this.field('Buyer_Accounts__c') || '').split(/[,;\s]+/).filter((b) => b !== '');
    }

    get allowedBuyersText() {
        return this.allowedBuyers.length ? `The ISV allows these buyers only: ${this.allowedBuyers.join(', ')}.`
            : 'The ISV allows any buyer.';
    }

    /** Why no offer can be made on the authorization now (ChannelPartnerOfferDraft.unusable). */
    get unusable() {
        const status = this.field('Status__c');
        const expiration = this.field('Expiration_Date__c');
        const reasons = [];
        if (status === 'Expired' || (expiration && expiration < today())) {
            reasons.push(`This resale authorization expired${expiration ? ` on ${expiration}` : ''}: ask the ISV for a`
                + ' new one, then refresh shared resale authorizations.');
        } else if (status !== 'Active') {
            reasons.push(`This resale authorization is ${status}, not Active: the ISV no longer allows offers on it.`);
        }
        const used = this.field('Offer_Status__c') === 'Completed-Used'
            || (this.field('Usage__c') === 'One-time' && Number(this.field('Offers_Created__c')) > 0);
        if (used) {
            reasons.push('This one-time resale authorization already has its offer; ask the ISV for a new authorization.');
        }
        if (wholesaleRates(this.terms).length === 0) {
            reasons.push('No wholesale rates were synced for this resale authorization; refresh shared resale'
                + ' authorizations.');
        }
        return reasons.length ? reasons.join(' ') : null;
    }

    get usable() {
        return this.loaded && !this.unusable;
    }

    get maximumStart() {
        return this.field('Maximum_Agreement_Start_Date__c');
    }

    get futureStartAllowed() {
        return Boolean(this.maximumStart) && Boolean(this.duration);
    }

    get endDate() {
        if (!this.startDate || !this.duration) {
            return null;
        }
        const match = /^P(\d+)([DM])$/.exec(this.duration);
        if (!match) {
            return null;
        }
        const n = Number(match[1]);
        return addToDate(addToDate(this.startDate, match[2] === 'M' ? { months: n } : { days: n }), { days: -1 });
    }

    get endDateText() {
        return this.endDate ? `The agreement ends on ${this.endDate} (${this.durationText}).` : null;
    }

    get isvEulaKept() {
        return buyerEulaType(this.legal);
    }

    get eulaOptions() {
        return [{ label: 'Keep the ISV\'s buyer terms', value: 'isv' }, { label: 'Add my own EULA (upload it)', value: 'own' }];
    }

    get eulaChoice() {
        return this.ownEula ? 'own' : 'isv';
    }

    get canUpload() {
        return this.ownEula && Boolean(this.offerRecordId);
    }

    get needsSaveForUpload() {
        return this.ownEula && !this.offerRecordId;
    }

    get eulaAttached() {
        return this.eulaDocumentId ? `Attached: ${this.eulaFileName || this.eulaDocumentId}` : null;
    }

    get minDate() {
        return today();
    }

    // ------------------------------------------------------------------ checks and problems

    get buyerCheck() {
        return checkBuyers(this.buyers, MAX_CHANNEL_PARTNER_BUYERS);
    }

    get buyerProblems() {
        const typed = this.buyers.trim() === '' ? [] : [...this.buyerCheck.problems];
        if (this.allowedBuyers.length) {
            this.buyerCheck.accounts.filter((b) => /^\d{12}$/.test(b) && !this.allowedBuyers.includes(b))
                .forEach((b) => typed.push(`${b} is not a buyer the resale authorization allows.`));
        }
        return [...typed, this.problemsOf('Buyer_Accounts__c')].filter(Boolean).join(' ') || null;
    }

    get markupProblem() {
        const markup = Number(this.markup);
        const typed = this.markup === '' || !Number.isFinite(markup) ? 'Enter your markup as a percentage (0 for none).'
            : markup < 0 ? 'The markup is negative; enter 0 or more.' : null;
        return [typed, this.problemsOf('Markup_Percentage__c')].filter(Boolean).join(' ') || null;
    }

    get expirationProblem() {
        const latest = this.field('Expiration_Date__c');
        const typed = latest && this.expirationDate && this.expirationDate > latest
            ? `The offer must expire on or before its resale authorization does (${latest}).` : null;
        return [typed, this.problemsOf('Expiration_Date__c')].filter(Boolean).join(' ') || null;
    }

    get problemsOfFields() {
        const byField = {};
        FIELDS.forEach((field) => {
            byField[field] = this.problemsOf(field) || null;
        });
        return byField;
    }

    get generalProblems() {
        return this.connectorProblems.filter((p) => !p.field || !FIELDS.includes(p.field))
            .map((p, i) => ({ key: `general-${i}`, text: p.field ? `${p.field}: ${p.message}`
                : `${p.object ? `${p.object} ${p.key || ''}: ` : ''}${p.message}` }));
    }

    problemsOf(field) {
        return this.connectorProblems.filter((p) => p.field === field).map((p) => p.message).join(' ');
    }

    get actionsDisabled() {
        return this.busy || !this.usable || this.offerStatus === 'Released';
    }

    // ------------------------------------------------------------------ outcome

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
        if (this.requestAction === 'VALIDATE_OFFER') {
            return { title: 'The offer is valid', detail: 'Nothing was sent. This is what Create Offer would send:',
                result: value(this.request, 'Result__c'), tone: 'success' };
        }
        if (this.offerStatus === 'Released') {
            return { title: 'Released', detail: 'Buyers can accept the offer at its buyer URL.', url: this.offerUrl,
                tone: 'success' };
        }
        if (this.offerStatus === 'Draft') {
            return { title: 'Saved as a draft in AWS Marketplace', detail: 'Press Create Offer to release it.',
                tone: 'success' };
        }
        if (this.offerStatus === 'FAILED') {
            return { title: 'Failed', detail: this.connectorProblems.length ? 'Fix what is shown beside the fields.'
                : this.offerError, tone: 'error' };
        }
        return { title: STATUS_LABELS[this.offerStatus] || 'Preparing', detail: 'AWS Marketplace is working on the'
            + ' change set; this page follows it.', tone: 'info' };
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
    }

    handleEula(event) {
        this.ownEula = event.detail.value === 'own';
    }

    handleUpload(event) {
        const [file] = event.detail.files;
        this.eulaDocumentId = file.documentId;
        this.eulaFileName = file.name;
        this.run(null).catch(() => {});
    }

    handleSaveForUpload() {
        this.run(null);
    }

    handleValidate() {
        this.run('VALIDATE_OFFER');
    }

    handleDraft() {
        this.run('SAVE_OFFER_DRAFT');
    }

    handleCreate() {
        this.run('CREATE_CHANNEL_PARTNER_OFFER');
    }

    handleClose() {
        this.dispatchEvent(new CloseActionScreenEvent());
    }

    // ------------------------------------------------------------------ writing

    offerFields() {
        const name = (this.offerName || '').trim();
        const dated = this.futureStartAllowed && this.futureStart && this.startDate;
        const isvEula = this.isvEulaKept === 'StandardEula' ? 'StandardEula' : null;
        return {
            Name: (name || 'Channel partner offer').slice(0, 80),
            Offer_Name__c: name || null,
            Description__c: this.description || null,
            Offer_Type__c: 'Channel Partner',
            Seller_Account__c: this.field('Seller_Account__c'),
            Shared_Resale_Authorization__c: this.recordId,
            Product__c: this.field('Product__c') || null,
            Pricing_Model__c: this.field('Pricing_Model__c'),
            Currency__c: this.currency,
            Service_Length__c: dated ? null : this.duration,
            Service_Start_Date__c: dated ? this.startDate : null,
            Service_End_Date__c: dated ? this.endDate : null,
            Buyer_Accounts__c: this.buyerCheck.accounts.join(', ') || null,
            Markup_Percentage__c: this.markup === '' ? null : Number(this.markup),
            Expiration_Date__c: this.expirationDate || null,
            EULA_Type__c: this.ownEula ? 'CustomEula' : isvEula,
            EULA_Document_Id__c: this.ownEula ? this.eulaDocumentId || null : null,
            Installments_Enabled__c: this.hasSchedule,
            Reseller_Contract_Accepted__c: this.contractAccepted
        };
    }

    async persist() {
        const fields = this.offerFields();
        if (this.offerRecordId) {
            const changed = Object.fromEntries(Object.entries(fields).filter(([k, val]) => this.savedOffer[k] !== val));
            if (Object.keys(changed).length) {
                await updateRecord({ fields: { Id: this.offerRecordId, ...changed } });
                this.savedOffer = { ...this.savedOffer, ...changed };
            }
            return;
        }
        const created = await createRecord({ apiName: OFFER, fields });
        this.offerRecordId = created.id;
        this.savedOffer = { ...fields };
        // The ISV's terms, as the connector's draft copies them: the rates, and the installments marked up on send.
        for (const rate of wholesaleRates(this.terms)) {
            // eslint-disable-next-line no-await-in-loop
            await createRecord({ apiName: 'MP_Offer_Dimension__c', fields: { Private_Offer__c: this.offerRecordId,
                Name: rate.key, Dimension_Key__c: rate.key, Rate__c: Number(rate.rate), Rate_Kind__c: rate.kind,
                Quantity__c: rate.quantity } });
        }
        for (const [i, charge] of this.schedule.entries()) {
            // eslint-disable-next-line no-await-in-loop
            await createRecord({ apiName: 'MP_Payment_Installment__c', fields: { Private_Offer__c: this.offerRecordId,
                Installment_Number__c: i + 1, Charge_Date__c: charge.date, Charge_Amount__c: Number(charge.amount),
                Currency__c: this.currency } });
        }
    }

    async run(action) {
        this.busy = true;
        this.platformError = null;
        let following = false;
        try {
            await this.persist();
            if (action) {
                this.connectorProblems = [];
                this.request = null;
                this.offerStatus = null;
                this.requestAction = action;
                this.requestId = await createRequest({ action, sellerAccountId: this.field('Seller_Account__c'),
                    targetRecordId: this.offerRecordId });
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

    startPolling() {
        this.stopPolling();
        // eslint-disable-next-line @lwc/lwc/no-async-operation
        this.pollTimer = setInterval(() => {
            notifyRecordUpdateAvailable([{ recordId: this.requestId }, { recordId: this.offerRecordId }]);
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
        } else if (this.requestAction === 'VALIDATE_OFFER') {
            this.end();
        } else if (ENDED.includes(this.offerStatus)) {
            if (this.offerStatus === 'FAILED') {
                this.connectorProblems = parseProblems(this.offerError);
            }
            this.end();
        }
    }

    end() {
        this.stopPolling();
        this.busy = false;
    }
}
