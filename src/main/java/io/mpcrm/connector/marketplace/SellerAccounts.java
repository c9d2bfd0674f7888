package io.mpcrm.connector.marketplace;

import jakarta.validation.Valid;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** The seller accounts configured under {@code connector.seller-accounts}. */
@Validated
@ConfigurationProperties("connector")
public record SellerAccounts(@DefaultValue @Valid List<SellerAccount> sellerAccounts) {

    public Optional<SellerAccount> find(String accountId) {
        return sellerAccounts.stream().filter(a -> a.accountId().equals(accountId)).findFirst();
    }
}
