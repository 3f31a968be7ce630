package dev.bloodbank.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Java names from wire names")
class JavaNamesTest {

    @ParameterizedTest(name = "{0} → {1}, {2}, {3}")
    @CsvSource({
            "media_file,         MediaFile,        mediaFile,        MEDIA_FILE",
            "transcript.uploaded, TranscriptUploaded, transcriptUploaded, TRANSCRIPT_UPLOADED",
            "pull-request.merged, PullRequestMerged, pullRequestMerged, PULL_REQUEST_MERGED",
            "mediaFile,          MediaFile,        mediaFile,        MEDIA_FILE",
            "class,              Class,            class_,           CLASS",
            "hashCode,           HashCode,         hashCodeValue,    HASH_CODE",
            "2fa,                T2fa,             t2fa,             V2FA",
            "in-progress,        InProgress,       inProgress,       IN_PROGRESS",
            "'-',                Type,             value,            VALUE",
    })
    void namesFollowJavaConventions(String wire, String type, String member, String constant) {
        assertEquals(type, JavaNames.type(wire));
        assertEquals(member, JavaNames.member(wire));
        assertEquals(constant, JavaNames.constant(wire));
    }

    @ParameterizedTest(name = "{0}[] → {1}")
    @CsvSource({"ActionItems, ActionItem", "Entries, Entry", "Status, StatusItem", "Address, AddressItem",
            "Data, DataItem", "Tags, Tag"})
    void elementsOfAnArrayAreNamedInTheSingular(String array, String element) {
        assertEquals(element, JavaNames.element(array));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"fireflies, fireflies", "domain-aa, domain_aa", "new, new_", "GitHub, git_hub"})
    void domainsBecomePackages(String domain, String segment) {
        assertEquals(segment, JavaNames.packageSegment(domain));
    }
}
