package io.cutover.mapping.table;

import java.util.Map;
import java.util.Optional;

/**
 * The product lookup of the m-pr.cfm table: legacy merchant ID and legacy feed product ID → what
 * Awin knows of the product. Immutable; a look-up is one hash probe with a key built from the two
 * normalised IDs.
 */
public final class ProductLookup {

    static final ProductLookup NONE = new ProductLookup(null, Map.of());

    private final String route;
    private final Map<String, Product> products;

    ProductLookup(String route, Map<String, Product> products) {
        this.route = route;
        this.products = Map.copyOf(products);
    }

    /** The Awin path for products with an Awin product ID ({@code /pclick.php}), or empty: never. */
    public Optional<String> route() {
        return Optional.ofNullable(route);
    }

    /** The product, if listed. */
    public Product find(String legacyMerchantId, String legacyProductId) {
        return products.isEmpty() ? null : products.get(key(legacyMerchantId, legacyProductId));
    }

    public int size() {
        return products.size();
    }

    static String key(String merchant, String product) {
        return merchant + ':' + product;
    }
}
