package com.satrank.ingest.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class RegistryListingTest {
    @Test
    void index_pages_in_any_of_the_shapes_registries_use() throws IOException {
        String page = """
                {"services": [
                  {"url": "https://a.example/w", "name": "W", "category": "Data/Weather", "provider": "p",
                   "http_method": "post", "price_sats": 3, "protocol": "L402"},
                  {"url": "https://b.example/x", "protocol": "x402", "price_sats": 1},
                  {"url": "https://c.example/y", "method": "GET", "price": 2.4, "category": "bad category!"},
                  {"name": "no url"}
                ]}""";
        var parsed = RegistryListing.fromIndexPage(page);
        assertThat(parsed.entries()).as("entries before filtering: a full page means another").isEqualTo(4);
        var listings = parsed.listings();
        assertThat(listings).extracting(RegistryListing::url).containsExactly("https://a.example/w", "https://c.example/y");
        assertThat(listings.get(0)).extracting(RegistryListing::method, RegistryListing::category,
                RegistryListing::advertisedPriceSats).containsExactly("POST", "data/weather", 3L);
        assertThat(listings.get(1).category()).as("invalid categories become empty").isEmpty();
        assertThat(listings.get(1).advertisedPriceSats()).isEqualTo(2);
        assertThat(RegistryListing.fromIndexPage("[{\"url\": \"https://d.example/\"}]").listings()).hasSize(1);
        assertThat(RegistryListing.fromIndexPage("{\"data\": []}").listings()).isEmpty();
        assertThatThrownBy(() -> RegistryListing.fromIndexPage("{\"error\": \"rate limited\"}"))
                .isInstanceOf(IOException.class);
    }

    @Test
    void directory_listings_keep_paid_live_concrete_endpoints() throws IOException {
        String listing = """
                {"services": [{"name": "S", "provider": "P", "endpoints": [
                  {"url": "https://s.example/a", "method": "GET", "pricing": {"amount": 5}, "status": "live"},
                  {"url": "https://s.example/{id}", "pricing": {"amount": 5}},
                  {"url": "https://s.example/free", "pricing": {"amount": 0}},
                  {"url": "https://s.example/down", "pricing": {"amount": 5}, "status": "down"}
                ]}]}""";
        var listings = RegistryListing.fromDirectory(listing);
        assertThat(listings).singleElement().satisfies(l -> {
            assertThat(l.url()).isEqualTo("https://s.example/a");
            assertThat(l.registry()).isEqualTo("l402directory");
            assertThat(l.advertisedPriceSats()).isEqualTo(5);
            assertThat(l.provider()).isEqualTo("P");
        });
    }
}
