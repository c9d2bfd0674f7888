import MpRequestOutcome from 'c/mpRequestOutcome';
import { mount as mountComponent, unmountAfterEach } from 'mpTest/page';
import { settle } from 'mpTest/org';

const URL = 'https://aws.amazon.com/marketplace/procurement?productId=prod-1&offerId=offer-1';

function mount(props) {
    return mountComponent('c-mp-request-outcome', MpRequestOutcome, props);
}

describe('c-mp-request-outcome', () => {
    unmountAfterEach();

    it('shows nothing before a request', () => {
        const box = mount({ outcome: null });
        expect(box.querySelector('[data-id="outcome"]')).toBeNull();
    });

    it('shows the outcome in its tone, the result and the problems shown nowhere else, in the page\'s own tree', () => {
        const box = mount({ outcome: { title: 'The offer is valid', detail: 'Nothing was sent.', result: '{"a":1}',
            tone: 'success' }, problems: [{ key: 'general-0', text: 'Status__c: Released offers do not change.' }] });

        expect(box.shadowRoot).toBeNull();
        expect(box.querySelector('[data-id="outcome"]').className).toBe('slds-box slds-m-bottom_medium slds-theme_success');
        expect(box.querySelector('[data-id="outcome-title"]').textContent).toBe('The offer is valid');
        expect(box.querySelector('[data-id="result"]').textContent).toBe('{"a":1}');
        expect(Array.from(box.querySelectorAll('[data-problem="general"]')).map((p) => p.textContent))
            .toEqual(['Status__c: Released offers do not change.']);
    });

    it('offers to copy the buyer URL on a page, and shows the URL alone in a modal', async () => {
        const onCopy = jest.fn();
        const box = mount({ outcome: { title: 'Released', detail: 'Buyers can accept it.', url: URL, tone: 'success' } });
        box.addEventListener('copyurl', onCopy);
        box.querySelector('[data-id="copy-url"]').dispatchEvent(new CustomEvent('click'));
        expect(onCopy).toHaveBeenCalledTimes(1);
        box.copied = 'Buyer URL copied.';
        await settle();
        expect(box.querySelector('[data-id="copied"]').textContent).toBe('Buyer URL copied.');

        const modal = mount({ variant: 'modal', outcome: { title: 'Released', detail: 'x', url: URL, tone: 'error' } });
        expect(modal.querySelector('[data-id="buyer-url"]').href).toBe(URL);
        expect(modal.querySelector('[data-id="copy-url"]')).toBeNull();
        expect(modal.querySelector('[data-id="outcome"]').className).toContain('slds-theme_error');
    });
});
