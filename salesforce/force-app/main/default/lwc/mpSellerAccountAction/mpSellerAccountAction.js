import { LightningElement, wire } from 'lwc';
import { CurrentPageReference, NavigationMixin } from 'lightning/navigation';
import { gql, graphql } from 'lightning/graphql';
import { getRecord, notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { POLL_MILLIS, REQUEST_FIELDS, createRequest, errorMessage, finished, value } from 'c/mpRequests';

/** What each list-view button asks, as the seed's dialogs ask it, and what it records. */
const ACTIONS = {
    REFRESH_PRODUCTS: { title: 'Refresh Products', list: 'MP_Product__c',
        question: 'Do you want to pull the list of products from AWS Marketplace?' },
    REFRESH_AGREEMENTS: { title: 'Refresh Agreements', list: 'MP_Agreement__c',
        question: 'Do you want to pull the list of agreements from AWS Marketplace?' },
    IMPORT_AGREEMENT: { title: 'Import Agreement', list: 'MP_Agreement__c', input: 'agreementId',
        label: 'Agreement ID', placeholder: 'agmt-...', pattern: /^agmt-[A-Za-z0-9]+$/,
        question: 'Which agreement do you want to bring in from AWS Marketplace?' },
    IMPORT_OFFER: { title: 'Import Offer', list: 'MP_Private_Offer__c', input: 'offerId', label: 'Offer ID',
        placeholder: 'offer-...', pattern: /^offer-[A-Za-z0-9]+$/,
        question: 'Which private offer do you want to bring in from AWS Marketplace?' },
    REFRESH_SHARED_RESALE_AUTHORIZATIONS: { title: 'Refresh Shared Resale Authorizations',
        list: 'MP_Shared_Resale_Authorization__c', partner: true,
        question: 'Do you want to pull the resale authorizations ISVs shared with you from AWS Marketplace?' }
};

const SELLER_ACCOUNTS = gql`
    query listButtonSellerAccounts {
        uiapi {
            query {
                AWS_Seller_Account__c(orderBy: { Name: { order: ASC } }, first: 200) {
                    edges { node { Id Name { value } Account_Id__c { value } Role__c { value } } }
                }
            }
        }
    }`;

/**
 * The page a list-view button opens (lightning__UrlAddressable, /lightning/cmp/c__mpSellerAccountAction?c__action=...):
 * a list view button cannot open a component itself, only a URL. It asks which seller account when the user reads
 * more than one, asks the button's question, records the request on the seller account as the account's own quick
 * action does, and shows the outcome; Back returns to the list.
 */
export default class MpSellerAccountAction extends NavigationMixin(LightningElement) {
    action;
    accounts = [];
    accountsLoaded = false;
    sellerAccountId;
    typed = '';
    busy = false;
    requestId;
    request;
    platformError;
    pollTimer;

    @wire(CurrentPageReference)
    page(reference) {
        this.action = reference && reference.state ? reference.state.c__action : undefined;
    }

    @wire(graphql, { query: SELLER_ACCOUNTS })
    wiredAccounts({ data, errors }) {
        if (data) {
            this.accounts = data.uiapi.query.AWS_Seller_Account__c.edges.map((edge) => ({ id: edge.node.Id,
                name: edge.node.Name.value, accountId: edge.node.Account_Id__c.value, role: edge.node.Role__c.value }));
            this.accountsLoaded = true;
        } else if (errors) {
            this.platformError = errors.map((e) => e.message).join(' ');
        }
    }

    @wire(getRecord, { recordId: '$requestId', fields: REQUEST_FIELDS })
    wiredRequest({ data }) {
        if (data) {
            this.request = data;
            if (finished(value(data, 'Status__c'))) {
                this.stopPolling();
                this.busy = false;
            }
        }
    }

    disconnectedCallback() {
        this.stopPolling();
    }

    get definition() {
        return ACTIONS[this.action];
    }

    get unknownAction() {
        return this.action !== undefined && !this.definition;
    }

    get title() {
        return this.definition ? this.definition.title : 'AWS Marketplace';
    }

    /** The accounts the button can act for: a channel partner's for shared resale authorizations, an ISV's else. */
    get eligible() {
        if (!this.definition) {
            return [];
        }
        const partner = this.definition.partner;
        return this.accounts.filter((a) => !a.role || a.role === 'Both' || (partner ? a.role === 'Channel Partner'
            : a.role === 'ISV'));
    }

    get chooseAccount() {
        return this.eligible.length > 1;
    }

    get noAccount() {
        return this.accountsLoaded && this.definition && this.eligible.length === 0;
    }

    get accountOptions() {
        return this.eligible.map((a) => ({ label: `${a.name} (${a.accountId})`, value: a.id }));
    }

    get chosenAccount() {
        return this.eligible.length === 1 ? this.eligible[0].id : this.sellerAccountId;
    }

    get onlyAccount() {
        return this.eligible.length === 1 ? `For ${this.eligible[0].name} (${this.eligible[0].accountId}).` : null;
    }

    get asks() {
        return Boolean(this.definition && this.definition.input);
    }

    get inputProblem() {
        if (!this.asks || this.typed.trim() === '') {
            return null;
        }
        return this.definition.pattern.test(this.typed.trim()) ? null
            : `${this.typed.trim()} is not an AWS Marketplace ${this.definition.label}: it looks like ${this.definition.placeholder}`;
    }

    get ready() {
        return Boolean(this.definition) && Boolean(this.chosenAccount) && !this.requestId && !this.busy
            && (!this.asks || (this.typed.trim() !== '' && !this.inputProblem));
    }

    get notReady() {
        return !this.ready;
    }

    get showForm() {
        return Boolean(this.definition) && !this.requestId && !this.noAccount;
    }

    get outcome() {
        if (this.platformError) {
            return { title: 'Salesforce refused', detail: this.platformError };
        }
        if (!this.requestId) {
            return null;
        }
        const status = value(this.request, 'Status__c') || 'Queued';
        const name = value(this.request, 'Name') ? `Request ${value(this.request, 'Name')}` : 'The request';
        if (status === 'Succeeded') {
            return { title: `${name} succeeded`, detail: value(this.request, 'Result__c') };
        }
        if (status === 'Failed') {
            return { title: `${name} failed`, detail: value(this.request, 'Error__c') };
        }
        return { title: `${name}: ${status}`, detail: value(this.request, 'Progress__c')
            || 'The connector works on it; this page follows it.' };
    }

    handleAccount(event) {
        this.sellerAccountId = event.detail.value;
    }

    handleInput(event) {
        this.typed = event.detail.value || '';
    }

    async handleYes() {
        this.busy = true;
        this.platformError = null;
        try {
            const input = this.asks ? JSON.stringify({ [this.definition.input]: this.typed.trim() }) : undefined;
            this.requestId = await createRequest({ action: this.action, sellerAccountId: this.chosenAccount,
                targetRecordId: this.chosenAccount, input });
            // eslint-disable-next-line @lwc/lwc/no-async-operation
            this.pollTimer = setInterval(() => notifyRecordUpdateAvailable([{ recordId: this.requestId }]), POLL_MILLIS);
        } catch (error) {
            this.platformError = errorMessage(error);
            this.busy = false;
        }
    }

    handleBack() {
        this[NavigationMixin.Navigate]({ type: 'standard__objectPage', attributes: {
            objectApiName: this.definition ? this.definition.list : 'AWS_Seller_Account__c', actionName: 'list' } });
    }

    stopPolling() {
        if (this.pollTimer) {
            clearInterval(this.pollTimer);
            this.pollTimer = null;
        }
    }
}
