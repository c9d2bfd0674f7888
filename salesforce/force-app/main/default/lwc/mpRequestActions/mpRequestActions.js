import { LightningElement, api } from 'lwc';

/**
 * A guided page's buttons that ask the connector: Validate, Save as Draft and Create (createLabel), firing "validate",
 * "draft" and "create". In a quick action's modal (variant "modal") they follow the footer's Close button. Light DOM
 * (https://developer.salesforce.com/docs/platform/lwc/guide/create-light-dom): part of the page's own tree.
 */
export default class MpRequestActions extends LightningElement {
    static renderMode = 'light';

    @api createLabel;
    @api disabled = false;
    /** "page" (the default) or "modal". */
    @api variant = 'page';

    get validateClass() {
        return this.variant === 'modal' ? 'slds-m-left_x-small' : '';
    }

    handleValidate() {
        this.dispatchEvent(new CustomEvent('validate'));
    }

    handleDraft() {
        this.dispatchEvent(new CustomEvent('draft'));
    }

    handleCreate() {
        this.dispatchEvent(new CustomEvent('create'));
    }
}
