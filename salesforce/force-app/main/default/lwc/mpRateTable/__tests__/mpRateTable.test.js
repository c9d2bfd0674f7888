import MpRateTable from 'c/mpRateTable';
import { mount as mountComponent, unmountAfterEach } from 'mpTest/page';
import { settle } from 'mpTest/org';

const ROWS = [
    { rowKey: 'users/Upfront', key: 'users', name: 'Users', description: 'Named users', unit: 'Users', types: 'Entitled',
        kind: 'Upfront', kindLabel: 'Upfront (per unit, for the term)', rate: '800', step: '0.01', required: false,
        rateLocked: false, problem: null, quantity: '10', withQuantity: true, quantityRequired: true },
    { rowKey: 'api_calls/Usage', key: 'api_calls', name: 'API calls', description: null, unit: 'Requests',
        types: 'ExternallyMetered', kind: 'Usage', kindLabel: 'Usage (per unit)', rate: null, step: '0.00000001',
        required: true, rateLocked: true, problem: 'Price every metered dimension.', quantity: null, withQuantity: false,
        quantityRequired: false }];

function mount(props) {
    return mountComponent('c-mp-rate-table', MpRateTable, props);
}

describe('c-mp-rate-table', () => {
    unmountAfterEach();

    it('shows a row per dimension and kind with its price, units and problem, in the page\'s own tree', () => {
        const table = mount({ rows: ROWS, currency: 'EUR', label: 'Wholesale rates', priceLabel: 'Wholesale price' });

        expect(table.shadowRoot).toBeNull();
        expect(table.querySelector('table').getAttribute('aria-label')).toBe('Wholesale rates');
        expect(Array.from(table.querySelectorAll('th')).map((th) => th.textContent))
            .toEqual(['Dimension', 'Unit', 'Rate', 'Wholesale price (EUR)', 'Units included']);
        expect(Array.from(table.querySelectorAll('tr[data-row]')).map((row) => row.dataset.row))
            .toEqual(['users/Upfront', 'api_calls/Usage']);
        const users = table.querySelector('lightning-input[data-key="users"][data-column="rate"]');
        expect(users.value).toBe('800');
        expect(users.label).toBe('Wholesale price');
        const units = table.querySelector('lightning-input[data-key="users"][data-column="quantity"]');
        expect(units.required).toBe(true);
        expect(table.querySelector('lightning-input[data-key="api_calls"][data-column="quantity"]')).toBeNull();
        expect(table.querySelector('lightning-input[data-key="api_calls"][data-column="rate"]').disabled).toBe(true);
        expect(table.querySelector('[data-problem="api_calls/Usage"]').textContent).toBe('Price every metered dimension.');
    });

    it('reports what is typed, with the row and column it is in', async () => {
        const table = mount({ rows: ROWS, currency: 'USD', label: 'Rates', priceLabel: 'Price' });
        const typed = jest.fn();
        table.addEventListener('ratechange', (event) => typed(event.detail));

        const units = table.querySelector('lightning-input[data-key="users"][data-column="quantity"]');
        units.value = '12';
        units.dispatchEvent(new CustomEvent('change'));
        await settle();

        expect(typed).toHaveBeenCalledWith({ key: 'users', kind: 'Upfront', column: 'quantity', value: '12' });
    });
});
