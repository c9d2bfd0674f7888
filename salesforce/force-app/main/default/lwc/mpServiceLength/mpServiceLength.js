import { LightningElement, api } from 'lwc';
import { LENGTH_UNIT_OPTIONS, enteredValue } from 'c/mpGuidedPage';

/**
 * A guided page's service length: the number (label: "Service length", "Contract duration") and its unit, months or
 * days. What is entered fires "fieldchange" with { field: "lengthAmount" or "lengthUnit", value }. Light DOM
 * (https://developer.salesforce.com/docs/platform/lwc/guide/create-light-dom): part of the page's own tree.
 */
export default class MpServiceLength extends LightningElement {
    static renderMode = 'light';

    @api label;
    @api amount;
    /** "months" or "days". */
    @api unit;
    @api disabled = false;
    /** Space above it, where it follows a table. */
    @api spaced = false;

    get layoutClass() {
        return this.spaced ? 'slds-m-top_small' : '';
    }

    get unitOptions() {
        return LENGTH_UNIT_OPTIONS;
    }

    handleChange(event) {
        this.dispatchEvent(new CustomEvent('fieldchange', { detail: { field: event.target.dataset.field,
            value: enteredValue(event) } }));
    }
}
