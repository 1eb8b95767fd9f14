package org.switchboard.common.sms.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SmsAddressTest {

    @Test
    void internationalNumbersBecomeE164WhateverTheSeparators() {
        assertThat(SmsAddress.normalise("+1 (555) 765-4321", null).value()).isEqualTo("+15557654321");
        assertThat(SmsAddress.normalise("+44 20 7946 0958", "US").value()).isEqualTo("+442079460958");
        assertThat(SmsAddress.normalise("0049 171 2345678", null).value()).isEqualTo("+491712345678");
        assertThat(SmsAddress.normalise("+15557654321", null).isShortCode()).isFalse();
    }

    @Test
    void nationalNumbersAreReadInTheRegion() {
        assertThat(SmsAddress.normalise("(555) 765-4321", "US").value()).isEqualTo("+15557654321");
        assertThat(SmsAddress.normalise("0171 2345678", "de").value()).isEqualTo("+491712345678");
        assertThat(SmsAddress.normalise("020 7946 0958", "GB").value()).isEqualTo("+442079460958");
    }

    @Test
    void shortCodesCarryTheirRegion() {
        SmsAddress code = SmsAddress.normalise("12345", "US");
        assertThat(code.value()).isEqualTo("12345;phone-context=us");
        assertThat(code.isShortCode()).isTrue();
        assertThat(code.forHost()).isEqualTo("12345");
        assertThat(code.region()).isEqualTo("US");
        assertThat(SmsAddress.normalise("12345;phone-context=DE", "US").value()).isEqualTo("12345;phone-context=de");
        assertThat(SmsAddress.parse("12345;phone-context=us")).isEqualTo(code);
    }

    @Test
    void hostSendersMayBeAlphanumeric() {
        assertThat(SmsAddress.fromHost("+15557654321", "US").value()).isEqualTo("+15557654321");
        assertThat(SmsAddress.fromHost("72975", "US").value()).isEqualTo("72975;phone-context=us");
        assertThat(SmsAddress.fromHost("AMAZON", "GB").value()).isEqualTo("amazon;phone-context=gb");
    }

    @Test
    void garbageIsRefusedWithAReason() {
        assertThatThrownBy(() -> SmsAddress.normalise("call me maybe", "US")).isInstanceOf(InvalidSmsAddressException.class)
                .hasMessageContaining("not a phone number");
        assertThatThrownBy(() -> SmsAddress.normalise("", "US")).hasMessageContaining("no phone number");
        assertThatThrownBy(() -> SmsAddress.normalise("5557654321", null)).hasMessageContaining("no country code");
        assertThatThrownBy(() -> SmsAddress.normalise("+1 555", null)).isInstanceOf(InvalidSmsAddressException.class);
        assertThatThrownBy(() -> SmsAddress.normalise("+1555765432199999", null)).isInstanceOf(InvalidSmsAddressException.class);
        assertThatThrownBy(() -> SmsAddress.normalise("12345", null)).hasMessageContaining("needs a region");
        assertThatThrownBy(() -> SmsAddress.normalise("1234567;phone-context=us", null)).hasMessageContaining("not a short code");
        assertThatThrownBy(() -> SmsAddress.normalise("+1555<script>", null)).hasMessageContaining("not a phone number");
    }

    @Test
    void parseAcceptsOnlyTheCanonicalForm() {
        assertThat(SmsAddress.parse("+15557654321").value()).isEqualTo("+15557654321");
        assertThatThrownBy(() -> SmsAddress.parse("+1 555 765 4321")).hasMessageContaining("canonical");
    }

    @Test
    void conversationsAreSortedAndKeyed() {
        Conversation group = Conversation.parse("+15557654321,+15551112222");
        assertThat(group.key()).isEqualTo("+15551112222,+15557654321");
        assertThat(group.isGroup()).isTrue();
        assertThat(Conversation.of(SmsAddress.parse("+15557654321"), SmsAddress.parse("+15557654321")).isGroup()).isFalse();
        assertThatThrownBy(() -> Conversation.parse("")).hasMessageContaining("no recipient");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 21; i++) {
            many.append(i == 0 ? "" : ",").append("+1555765").append(String.format("%04d", i));
        }
        assertThatThrownBy(() -> Conversation.parse(many.toString())).hasMessageContaining("at most 20");
    }

    @Test
    void anInternationalNumberReadsTheSameTheSecondTimeAndAWrongOneIsRefusedEveryTime() {
        assertThat(SmsAddress.normalise("+1 (555) 765-4321", null)).isEqualTo(SmsAddress.normalise("+15557654321", "DE"));
        assertThat(SmsAddress.normalise("+1 (555) 765-4321", "GB").value()).isEqualTo("+15557654321");
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> SmsAddress.normalise("+1555", null))
                    .isInstanceOf(InvalidSmsAddressException.class).hasMessageContaining("wrong length");
        }
    }
}
