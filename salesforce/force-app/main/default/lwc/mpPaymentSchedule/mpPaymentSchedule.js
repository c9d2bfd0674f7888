import { LightningElement, api } from 'lwc';
import { MAX_INSTALLMENTS, currencyDigits, money, sum } from 'c/mpRules';

const FREQUENCIES = [
    { label: 'Every 15 days', value: '15' },
    { label: 'Every 30 days', value: '30' },
    { label: 'Every 90 days', value: '90' },
    { label: 'Every 365 days', value: '365' }
];
const REMAINDERS = [
    { label: 'The first payment (Frontload)', value: 'Frontload' },
    { label: 'The last payment (Backend)', value: 'Backend' }
];
const DAY_COUNTING = [
    { label: 'Calendar Day', value: 'Calendar Day' },
    { label: 'Business Day (weekends not counted)', value: 'Business Day' }
];

/**
 * The payment schedule of a guided page: the utility a seller fills in (the parameters of Generate Payment Schedule,
 * the connector's PaymentScheduleGenerator makes the rows) and the rows, which stay editable. Emits "generate" with the
 * parameters and "rowschange" with the edited rows; the page owns the records.
 */
export default class MpPaymentSchedule extends LightningElement {
    @api currency = 'USD';
    /** What the rates come to (rate times quantity), or null when there are no upfront rates. */
    @api contractTotal = null;
    @api disabled = false;
    /** Problems the connector named by installment date, and one for the whole schedule. */
    @api rowProblems = {};
    @api scheduleProblem;

    frequencyDays = '90';
    remainder = 'Frontload';
    dayCounting = 'Calendar Day';
    firstPaymentDate;
    endDate;
    amountTouched = false;
    enteredAmount;
    _rows = [];

    @api
    get rows() {
        return this._rows;
    }

    set rows(value) {
        this._rows = (value || []).map((row) => ({ ...row }));
    }

    @api
    get defaultFirstPayment() {
        return this.firstPaymentDate;
    }

    set defaultFirstPayment(value) {
        if (!this.firstPaymentDate) {
            this.firstPaymentDate = value;
        }
    }

    @api
    get defaultEnd() {
        return this.endDate;
    }

    set defaultEnd(value) {
        if (!this.endDate) {
            this.endDate = value;
        }
    }

    get frequencyOptions() {
        return FREQUENCIES;
    }

    get remainderOptions() {
        return REMAINDERS;
    }

    get dayCountingOptions() {
        return DAY_COUNTING;
    }

    get amountLabel() {
        return `Total amount (${this.currency})`;
    }

    /** The total to split: what the seller typed, else what the rates come to. */
    get totalAmount() {
        if (this.amountTouched) {
            return this.enteredAmount;
        }
        return this.contractTotal === null || this.contractTotal === undefined ? null : this.contractTotal;
    }

    get parameterProblem() {
        const amount = Number(this.totalAmount);
        if (this.totalAmount === null || this.totalAmount === undefined || this.totalAmount === '' || !(amount > 0)) {
            return 'Enter the total amount to split, above 0.';
        }
        const digits = currencyDigits(this.currency);
        if (Math.round(amount * 10 ** digits) !== amount * 10 ** digits) {
            return `The total amount has more decimal places than ${this.currency} allows (${digits}).`;
        }
        if (!this.firstPaymentDate || !this.endDate) {
            return 'Enter the first payment date and the date the last payment is due by.';
        }
        if (this.endDate < this.firstPaymentDate) {
            return 'The last payment date is before the first payment; choose a later one.';
        }
        return null;
    }

    get generateDisabled() {
        return this.disabled || this.parameterProblem !== null;
    }

    get shownRows() {
        return this._rows.map((row, index) => ({
            ...row,
            index,
            number: index + 1,
            rowKey: row.id || `new-${index}`,
            problem: (this.rowProblems || {})[row.date] || null
        }));
    }

    get installmentsTotal() {
        return sum(this._rows.map((row) => row.amount), currencyDigits(this.currency));
    }

    get totalsText() {
        const installments = `${this._rows.length} ${this._rows.length === 1 ? 'installment' : 'installments'}`
            + ` totalling ${money(this.installmentsTotal, this.currency)}`;
        if (this.contractTotal === null || this.contractTotal === undefined) {
            return installments + '.';
        }
        return `${installments}; the rates come to ${money(this.contractTotal, this.currency)}.`;
    }

    get totalsDiffer() {
        return this._rows.length > 0 && this.contractTotal !== null && this.contractTotal !== undefined
            && this.installmentsTotal !== Number(this.contractTotal);
    }

    get totalsDifferText() {
        const more = this._rows.length > MAX_INSTALLMENTS ? ` A schedule has at most ${MAX_INSTALLMENTS} installments.` : '';
        return 'The buyer pays the installments, not the rates: make them agree (generate again for '
            + `${money(this.contractTotal, this.currency)}, or change the rates, quantities or amounts).${more}`;
    }

    handleParameter(event) {
        const { name, value } = event.target;
        if (name === 'totalAmount') {
            this.amountTouched = true;
            this.enteredAmount = value;
        } else {
            this[name] = value;
        }
    }

    handleGenerate() {
        this.dispatchEvent(new CustomEvent('generate', {
            detail: {
                totalAmount: String(this.totalAmount),
                currency: this.currency,
                firstPaymentDate: this.firstPaymentDate,
                endDate: this.endDate,
                frequencyDays: Number(this.frequencyDays),
                remainder: this.remainder,
                dayCounting: this.dayCounting
            }
        }));
    }

    handleRow(event) {
        const index = Number(event.target.dataset.index);
        const column = event.target.dataset.column;
        this._rows = this._rows.map((row, i) => (i === index ? { ...row, [column]: event.target.value } : row));
        this.changed();
    }

    handleAdd() {
        const last = this._rows[this._rows.length - 1];
        this._rows = [...this._rows, { id: null, date: last ? last.date : this.firstPaymentDate, amount: null }];
        this.changed();
    }

    handleRemove(event) {
        const index = Number(event.target.dataset.index);
        this._rows = this._rows.filter((row, i) => i !== index);
        this.changed();
    }

    changed() {
        this.dispatchEvent(new CustomEvent('rowschange', { detail: { rows: this._rows.map((row) => ({ ...row })) } }));
    }
}
