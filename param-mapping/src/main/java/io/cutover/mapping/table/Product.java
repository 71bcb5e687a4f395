package io.cutover.mapping.table;

import java.util.Optional;

/**
 * One entry of a product lookup ({@code products:} in the m-pr.cfm table): what Awin knows of a
 * legacy feed product.
 *
 * @param awinProductId the Awin product ID ({@code pclick.php?p=}), when the product is in Awin's feed
 * @param page the product page, the deep link of a {@code cread.php} click when there is no Awin
 *     product ID (or pclick is not used)
 */
public record Product(Optional<String> awinProductId, Optional<String> page) {}
