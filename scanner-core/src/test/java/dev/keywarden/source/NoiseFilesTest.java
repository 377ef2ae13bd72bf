package dev.keywarden.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NoiseFilesTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            package-lock.json                   | lockfile
            services/api/poetry.lock            | lockfile
            Gemfile.lock                        | lockfile
            composer.lock                       | lockfile
            pnpm-lock.yaml                      | lockfile
            dist/vendor.min.js                  | minified
            assets/site.MIN.CSS                 | minified
            build/main.js.map                   | source map
            node_modules/a/b.js                 | vendored (node_modules/)
            app/vendor/github.com/x/y.go        | vendored (vendor/)
            src/third_party/z.c                 | vendored (third_party/)
            src/main.js                         | -
            maps/world.map                      | -
            lockfile.txt                        | -
            docs/vendors.md                     | -
            my_node_modules_notes/readme.md     | -
            """)
    void judgesPathsByNameAndFolder(String path, String reason) {
        assertEquals(Optional.ofNullable(reason), NoiseFiles.reason(path));
    }
}
