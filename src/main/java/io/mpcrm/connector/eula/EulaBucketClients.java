package io.mpcrm.connector.eula;

import io.mpcrm.connector.marketplace.SellerAccount;
import io.mpcrm.connector.marketplace.SellerAccountClients;
import io.mpcrm.connector.marketplace.SellerAccounts;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Names each configured seller account's S3 client and link presigner in Camel's registry, as the aws2-s3 endpoints of
 * {@code routes/eulas.camel.yaml} refer to them: {@code #eulaS3-<account id>} and {@code #eulaLinkSigner-<account id>}.
 * They are the account's own ({@link SellerAccountClients}: its role's credentials, retries, metrics, endpoint), made
 * on first use, when the account's first custom EULA is stored; Camel keeps the one it got.
 */
@Component
public class EulaBucketClients implements CamelContextConfiguration {

    static final String S3_CLIENT = "eulaS3-";
    static final String LINK_SIGNER = "eulaLinkSigner-";

    private final SellerAccounts accounts;
    private final SellerAccountClients clients;

    public EulaBucketClients(SellerAccounts accounts, SellerAccountClients clients) {
        this.accounts = accounts;
        this.clients = clients;
    }

    @Override
    public void beforeApplicationStart(CamelContext camel) {
        for (SellerAccount account : accounts.sellerAccounts()) {
            String id = account.accountId();
            camel.getRegistry().bind(S3_CLIENT + id, S3Client.class, () -> clients.s3(id));
            camel.getRegistry().bind(LINK_SIGNER + id, S3Presigner.class, () -> clients.linkPresigner(id));
        }
    }

    @Override
    public void afterApplicationStart(CamelContext camel) {
        // Nothing: the clients are closed with SellerAccountClients, which made them.
    }
}
