package dev.relpromo.balrog.mar;

/** The optional product information block (additional section id 1): the MAR channel and the product version. */
public record ProductInformation(String marChannelName, String productVersion) {
    public ProductInformation {
        if (marChannelName == null || productVersion == null) {
            throw new IllegalArgumentException("product information needs a MAR channel name and a product version");
        }
    }
}
