import { LightningElement, api } from 'lwc';
import { CHANNEL_OPTIONS, RENEWAL_PRICING_OPTIONS, enteredValue } from 'c/mpGuidedPage';

/**
 * A guided page's renewal: whether the terms renew an existing agreement (label) and, if so, where it was bought and
 * its pricing model, each with its problems beside it where the page gives them. What is entered fires "fieldchange"
 * with { field: "renewal", "renewalChannel" or "renewalPricing", value }. Light DOM
 * (https://developer.salesforce.com/docs/platform/lwc/guide/create-light-dom): part of the page's own tree.
 */
export default class MpRenewal extends LightningElement {
    static renderMode = 'light';

    @api label;
    @api renewal = false;
    @api channel;
    @api pricing;
    @api disabled = false;
    @api channelProblem;
    @api pricingProblem;

    get channelOptions() {
        return CHANNEL_OPTIONS;
    }

    get pricingOptions() {
        return RENEWAL_PRICING_OPTIONS;
    }

    handleChange(event) {
        this.dispatchEvent(new CustomEvent('fieldchange', { detail: { field: event.target.dataset.field,
            value: enteredValue(event) } }));
    }
}
