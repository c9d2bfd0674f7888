import { createElement } from 'lwc';
import { getRecord } from 'lightning/uiRecordApi';
import MpCopyOfferUrl from 'c/mpCopyOfferUrl';

const OFFER = 'a05000000000001AAA';
const URL = 'https://aws.amazon.com/marketplace/procurement?productId=prod-abc&offerId=offer-xyz';

function offer(fields) {
    return { apiName: 'MP_Private_Offer__c', id: OFFER, fields: Object.fromEntries(Object.entries(fields)
        .map(([name, value]) => [name, { value, displayValue: null }])) };
}

function mount() {
    const element = createElement('c-mp-copy-offer-url', { is: MpCopyOfferUrl });
    element.recordId = OFFER;
    document.body.appendChild(element);
    const toasts = [];
    element.addEventListener('lightning__showtoast',
        (event) => toasts.push(event.detail));
    return { element, toasts };
}

describe('c-mp-copy-offer-url', () => {
    let clipboard;
    beforeEach(() => {
        clipboard = [];
        Object.defineProperty(navigator, 'clipboard', { configurable: true,
            value: { writeText: jest.fn((text) => { clipboard.push(text); return Promise.resolve(); }) } });
    });
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    it('copies the buyer URL of a released offer and says so', async () => {
        const { element, toasts } = mount();
        getRecord.emit(offer({ Offer_URL__c: URL, Status__c: 'Released' }));

        await element.invoke();

        expect(clipboard).toEqual([URL]);
        expect(toasts).toEqual([expect.objectContaining({ title: 'Buyer URL copied', message: URL, variant: 'success' })]);
    });

    it('says why an offer that is not released has no URL, and copies nothing', async () => {
        const { element, toasts } = mount();
        getRecord.emit(offer({ Offer_URL__c: null, Status__c: 'Draft' }));

        await element.invoke();

        expect(clipboard).toEqual([]);
        expect(toasts).toEqual([expect.objectContaining({ title: 'No buyer URL yet',
            message: 'The offer is Draft: it gets its buyer URL when it is released.', variant: 'warning' })]);
    });

    it('shows the URL when the browser refuses the clipboard', async () => {
        navigator.clipboard.writeText.mockRejectedValueOnce(new Error('NotAllowedError'));
        const { element, toasts } = mount();
        getRecord.emit(offer({ Offer_URL__c: URL, Status__c: 'Released' }));

        await element.invoke();

        expect(toasts).toEqual([expect.objectContaining({ title: 'Copy the buyer URL by hand',
            message: `The browser did not allow copying. The URL is ${URL}` })]);
    });
});
