import { createElement } from 'lwc';
import MpPaymentSchedule from 'c/mpPaymentSchedule';
import { settle } from 'mpTest/org';

function mount(props) {
    const element = createElement('c-mp-payment-schedule', { is: MpPaymentSchedule });
    Object.assign(element, { currency: 'USD', contractTotal: 12000, defaultFirstPayment: '2030-03-04',
        defaultEnd: '2031-03-04', rows: [], ...props });
    document.body.appendChild(element);
    return element;
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);

async function set(element, param, value) {
    const input = $(element, `[data-param="${param}"]`);
    input.value = value;
    input.dispatchEvent(new CustomEvent('change'));
    await settle();
}

describe('c-mp-payment-schedule', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it('asks the connector for the rows with the utility\'s parameters, splitting what the rates come to by default', async () => {
        const element = mount();
        const generated = [];
        element.addEventListener('generate', (event) => generated.push(event.detail));
        await set(element, 'frequencyDays', '30');
        await set(element, 'remainder', 'Backend');
        await set(element, 'dayCounting', 'Business Day');

        $(element, '[data-id="generate"]').dispatchEvent(new CustomEvent('click'));

        expect(generated).toEqual([{ totalAmount: '12000', currency: 'USD', firstPaymentDate: '2030-03-04',
            endDate: '2031-03-04', frequencyDays: 30, remainder: 'Backend', dayCounting: 'Business Day' }]);
    });

    it('will not ask with an amount or dates the connector would refuse', async () => {
        const element = mount({ currency: 'JPY' });
        await set(element, 'totalAmount', '1000.5');
        expect($(element, '[data-problem="parameters"]').textContent)
            .toBe('The total amount has more decimal places than JPY allows (0).');
        expect($(element, '[data-id="generate"]').disabled).toBe(true);

        await set(element, 'totalAmount', '1000');
        await set(element, 'endDate', '2030-01-01');
        expect($(element, '[data-problem="parameters"]').textContent)
            .toBe('The last payment date is before the first payment; choose a later one.');
    });

    it('keeps the rows editable: add, change, remove, with the total beside the contract total', async () => {
        const element = mount({ rows: [{ id: 'a07A', date: '2030-03-04', amount: 6000 }, { id: 'a07B', date: '2030-09-04', amount: 6000 }] });
        const changes = [];
        element.addEventListener('rowschange', (event) => changes.push(event.detail.rows));
        await settle();
        expect($(element, '[data-id="totals"]').textContent)
            .toBe('2 installments totalling 12,000.00 USD; the rates come to 12,000.00 USD.');

        $(element, '[data-id="add"]').dispatchEvent(new CustomEvent('click'));
        await settle();
        const amount = element.shadowRoot.querySelector('lightning-input[data-index="2"][data-column="amount"]');
        amount.value = '500';
        amount.dispatchEvent(new CustomEvent('change'));
        await settle();
        expect($(element, '[data-problem="totals"]').textContent).toContain('make them agree');

        element.shadowRoot.querySelector('lightning-button-icon[data-index="0"]').dispatchEvent(new CustomEvent('click'));
        await settle();
        expect(changes[changes.length - 1]).toEqual([{ id: 'a07B', date: '2030-09-04', amount: 6000 },
            { id: null, date: '2030-09-04', amount: '500' }]);
        expect($(element, '[data-id="totals"]').textContent)
            .toBe('2 installments totalling 6,500.00 USD; the rates come to 12,000.00 USD.');
    });

    it('shows the connector\'s problem beside the installment it names', async () => {
        const element = mount({ rows: [{ id: 'a07A', date: '2030-03-01', amount: 12000 }],
            rowProblems: { '2030-03-01': 'The installment of 2030-03-01 is in the past; move it to today or later.' } });
        await settle();

        expect($(element, '[data-problem="2030-03-01"]').textContent)
            .toBe('The installment of 2030-03-01 is in the past; move it to today or later.');
    });
});
