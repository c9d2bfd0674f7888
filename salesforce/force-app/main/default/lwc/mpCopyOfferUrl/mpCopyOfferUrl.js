import { LightningElement, api, wire } from 'lwc';
import { getRecord, getFieldValue } from 'lightning/uiRecordApi';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import OFFER_URL from '@salesforce/schema/MP_Private_Offer__c.Offer_URL__c';
import STATUS from '@salesforce/schema/MP_Private_Offer__c.Status__c';

/**
 * Copy URL (a headless quick action on a private offer): puts the offer's buyer URL on the clipboard and says so, or
 * says why there is none yet. A headless action gets its record id through the setter, not before
 * connectedCallback (LWC guide, Create Headless Quick Actions).
 */
export default class MpCopyOfferUrl extends LightningElement {
    _recordId;
    offer;
    error;
    loaded;
    resolveLoaded;

    constructor() {
        super();
        this.loaded = new Promise((resolve) => {
            this.resolveLoaded = resolve;
        });
    }

    @api
    get recordId() {
        return this._recordId;
    }

    set recordId(value) {
        this._recordId = value;
    }

    @wire(getRecord, { recordId: '$recordId', fields: [OFFER_URL, STATUS] })
    wiredOffer({ data, error }) {
        if (data || error) {
            this.offer = data;
            this.error = error;
            this.resolveLoaded();
        }
    }

    @api
    async invoke() {
        await this.loaded;
        if (this.error) {
            this.toast('error', 'Copy URL', 'The offer could not be read: ' + (this.error.body && this.error.body.message
                ? this.error.body.message : 'unknown error') + '.');
            return;
        }
        const url = getFieldValue(this.offer, OFFER_URL);
        if (!url) {
            const status = getFieldValue(this.offer, STATUS) || 'New';
            this.toast('warning', 'No buyer URL yet', `The offer is ${status}: it gets its buyer URL when it is released.`);
            return;
        }
        try {
            await navigator.clipboard.writeText(url);
            this.toast('success', 'Buyer URL copied', url);
        } catch (refused) {
            // The browser may refuse the clipboard (permissions, an inactive tab): show the URL to copy by hand.
            this.toast('warning', 'Copy the buyer URL by hand', `The browser did not allow copying. The URL is ${url}`);
        }
    }

    toast(variant, title, message) {
        this.dispatchEvent(new ShowToastEvent({ title, message, variant, mode: variant === 'success' ? 'dismissible' : 'sticky' }));
    }
}
