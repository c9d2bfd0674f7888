import { LightningElement, api } from 'lwc';

/**
 * A guided page's rate table: a row per dimension and rate kind ({ rowKey, key, name, description, unit, types, kind,
 * kindLabel, rate, step, required, rateLocked, problem, quantity, withQuantity, quantityRequired }), the price and,
 * where the row takes them, the units included. What is typed fires "ratechange" with { key, kind, column, value }.
 * Light DOM (https://developer.salesforce.com/docs/platform/lwc/guide/create-light-dom): the table is part of the
 * page's own tree.
 */
export default class MpRateTable extends LightningElement {
    static renderMode = 'light';

    @api rows = [];
    @api currency;
    /** The table's accessible name. */
    @api label;
    /** What the price column holds: "Price", "Wholesale price". */
    @api priceLabel;
    /** Units can be typed unless the page is busy or read only. */
    @api disabled = false;

    handleChange(event) {
        const { key, kind, column } = event.target.dataset;
        this.dispatchEvent(new CustomEvent('ratechange', { detail: { key, kind, column, value: event.target.value } }));
    }
}
