import { LightningElement, api } from 'lwc';

/**
 * The problems of one field, beside it on a guided page, in the error colour; nothing when there are none. Light DOM
 * (https://developer.salesforce.com/docs/platform/lwc/guide/create-light-dom): part of the page's own tree.
 */
export default class MpFieldProblem extends LightningElement {
    static renderMode = 'light';

    /** The API name of the field (or the row) the problem is about. */
    @api field;
    @api text;
}
