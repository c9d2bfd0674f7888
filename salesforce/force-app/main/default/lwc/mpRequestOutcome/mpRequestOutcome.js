import { LightningElement, api } from 'lwc';

/**
 * The box at the top of a guided page: the outcome of its request ({ title, detail, tone, url, result }, none before
 * a request), the problems the page shows beside no field, and on a page (variant "page") a Copy URL button beside a
 * buyer URL, which fires "copyurl" for the page to copy; in a quick action's modal (variant "modal") the URL alone.
 * Light DOM (https://developer.salesforce.com/docs/platform/lwc/guide/create-light-dom): the box is part of the page's
 * own tree, as it was when each page wrote it, so the page's styling and its tests reach it.
 */
export default class MpRequestOutcome extends LightningElement {
    static renderMode = 'light';

    @api outcome;
    /** Problems as { key, text }. */
    @api problems = [];
    /** What became of the last copy, shown under the URL. */
    @api copied;
    /** "page" (the default) or "modal". */
    @api variant = 'page';

    get inModal() {
        return this.variant === 'modal';
    }

    get boxClass() {
        const tone = this.outcome ? this.outcome.tone : 'info';
        return `slds-box slds-m-bottom_medium slds-theme_${tone === 'error' ? 'error' : tone === 'success' ? 'success' : 'shade'}`;
    }

    get resultClass() {
        return this.inModal ? 'slds-scrollable_y' : 'slds-m-top_x-small slds-scrollable_y';
    }

    get resultStyle() {
        return this.inModal ? 'max-height: 16rem' : 'max-height: 20rem';
    }

    handleCopy() {
        this.dispatchEvent(new CustomEvent('copyurl'));
    }
}
