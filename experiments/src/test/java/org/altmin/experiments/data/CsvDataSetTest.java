package org.altmin.experiments.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.altmin.api.DataSpec;
import org.altmin.api.InvalidParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

class CsvDataSetTest {
    @TempDir
    Path temp;

    private LoadedData load(String csv, int train, int test, Map<String, String> options) throws IOException {
        Path file = temp.resolve("data.csv");
        Files.writeString(file, csv);
        return new CsvDataSet().load(new DataSpec("csv", train, test, file.toString(), options),
                new LoadContext(DataType.DOUBLE, 5, temp, null, null));
    }

    @Test
    void headerAndTextLabelsByName() throws IOException {
        LoadedData loaded = load("""
                length,species,width
                1.5,setosa,0.2
                4.7,versicolor,1.4

                6.0,virginica,2.5
                5.1,setosa,0.3
                """, 0, 0, Map.of("label", "species"));

        assertThat(loaded.classNames()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(loaded.data().x().shape()).containsExactly(2, 4);
        assertThat(loaded.data().y().shape()).containsExactly(3, 4);
        assertThat(loaded.data().x().getDouble(0, 1)).isEqualTo(4.7);
        assertThat(loaded.data().x().getDouble(1, 2)).isEqualTo(2.5);
        assertThat(loaded.data().y().getDouble(1, 1)).isEqualTo(1.0);
        assertThat(loaded.data().y().getDouble(0, 3)).isEqualTo(1.0);
        assertThat(loaded.data().y().sum(0).toDoubleVector()).containsOnly(1.0);
        assertThat(loaded.data().hasTest()).isFalse();
        assertThat(loaded.resolved().options()).containsEntry("label", "species").containsEntry("header", "true");
    }

    @Test
    void noHeaderNumericLabelsInNumericOrderDefaultLastColumn() throws IOException {
        LoadedData loaded = load("0.5,1,10\n0.25,2,2\n0.75,3,10\n", 0, 0, Map.of());

        assertThat(loaded.classNames()).containsExactly("2", "10");
        assertThat(loaded.data().x().shape()).containsExactly(2, 3);
        assertThat(loaded.data().y().getDouble(1, 0)).isEqualTo(1.0);
        assertThat(loaded.data().y().getDouble(0, 1)).isEqualTo(1.0);
        assertThat(loaded.resolved().options()).containsEntry("header", "false").containsEntry("label", "2");
    }

    @Test
    void labelByIndexAndSeededTestSplit() throws IOException {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            csv.append(i % 2).append(';').append(i).append(';').append(i * 2).append('\n');
        }
        LoadedData a = load(csv.toString(), 0, 5, Map.of("label", "0", "delimiter", ";"));
        LoadedData b = load(csv.toString(), 0, 5, Map.of("label", "0", "delimiter", ";"));

        assertThat(a.data().x().columns()).isEqualTo(15);
        assertThat(a.data().xTest().columns()).isEqualTo(5);
        assertThat(a.data().xTest()).isEqualTo(b.data().xTest());
        // Train and test are disjoint and together are every row (feature 0 is the row number).
        java.util.Set<Double> rows = new java.util.TreeSet<>();
        for (double v : a.data().x().getRow(0).toDoubleVector()) {
            rows.add(v);
        }
        for (double v : a.data().xTest().getRow(0).toDoubleVector()) {
            assertThat(rows.add(v)).isTrue();
        }
        assertThat(rows).hasSize(20);
    }

    @Test
    void nanIsRejectedWithRowAndColumn() {
        assertThatThrownBy(() -> load("a,b,label\n1,2,x\n3,NaN,y\n", 0, 0, Map.of()))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("line 3, column 2 (b)")
                .hasMessageContaining("finite number")
                .hasMessageContaining("NaN");
    }

    @Test
    void nonNumericIsRejectedWithRowAndColumn() {
        assertThatThrownBy(() -> load("1,2,x\n3,4,y\n5,abc,y\n", 0, 0, Map.of("header", "false")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("line 3, column 2")
                .hasMessageContaining("found 'abc'");
    }

    @Test
    void raggedRowIsRejected() {
        assertThatThrownBy(() -> load("1,2,x\n3,y\n", 0, 0, Map.of()))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("line 2 must have 3 columns, found 2");
    }

    @Test
    void unknownLabelColumnListsTheColumns() {
        assertThatThrownBy(() -> load("a,b,label\n1,2,x\n", 0, 0, Map.of("label", "class")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("csv.label must be a column")
                .hasMessageContaining("[a, b, label]");
    }

    @Test
    void unknownOptionIsRejected() {
        assertThatThrownBy(() -> load("1,2,x\n", 0, 0, Map.of("lable", "x")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("lable")
                .hasMessageContaining("known options");
    }

    @Test
    void missingPathIsRejected() {
        assertThatThrownBy(() -> new CsvDataSet().load(DataSpec.of("csv"),
                new LoadContext(DataType.FLOAT, 1, temp, null, null)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("csv.path");
    }

    @Test
    void quotedFieldsMayHoldTheDelimiterAQuoteAndALineBreak() throws IOException {
        LoadedData loaded = load("""
                "x 1","x, 2",species
                1.5,"2.5","setosa, the ""small"" one"

                "3.0",4.0,"versi
                color"
                5,6,"setosa, the ""small"" one"
                """, 0, 0, Map.of("label", "species"));

        assertThat(loaded.classNames()).containsExactly("setosa, the \"small\" one", "versi\ncolor");
        assertThat(loaded.data().x().toDoubleMatrix()).isEqualTo(new double[][] {{1.5, 3.0, 5}, {2.5, 4.0, 6}});
        assertThat(loaded.data().y().toDoubleMatrix()).isEqualTo(new double[][] {{1, 0, 1}, {0, 1, 0}});
    }

    @Test
    void aGzippedFileIsReadByItsMagicBytes() throws IOException {
        Path file = temp.resolve("data.csv.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("a,b,label\n1,2,x\n3,4,y\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        LoadedData loaded = new CsvDataSet().load(new DataSpec("csv", 0, 0, file.toString(), Map.of()),
                new LoadContext(DataType.DOUBLE, 5, temp, null, null));
        assertThat(loaded.data().x().toDoubleMatrix()).isEqualTo(new double[][] {{1, 3}, {2, 4}});
        assertThat(loaded.classNames()).containsExactly("x", "y");
    }

    @Test
    void aLatin1FileIsNamedWithLineAndColumn() throws IOException {
        Path file = temp.resolve("latin1.csv");
        Files.write(file, "a,b,label\n1,2,x\n3,4,caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> new CsvDataSet().load(new DataSpec("csv", 0, 0, file.toString(), Map.of()),
                new LoadContext(DataType.DOUBLE, 5, temp, null, null)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("csv.path must be UTF-8 text (convert it, e.g. iconv -f LATIN1 -t UTF-8), found " + file
                        + " (line 3, column 8: byte 0xE9)");
    }

    @Test
    void aValueOverflowingTheDtypeIsNamedWithLineAndColumn() throws IOException {
        Path file = temp.resolve("big.csv");
        Files.writeString(file, "a,b,label\n1,2,x\n3,1e300,y\n");
        DataSpec spec = new DataSpec("csv", 0, 0, file.toString(), Map.of());
        assertThatThrownBy(() -> new CsvDataSet().load(spec, new LoadContext(DataType.FLOAT, 5, temp, null, null)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("csv.data " + file + " line 3, column 2 (b) must be within the range of FLOAT (|x| <= "
                        + Float.MAX_VALUE + "; use --dtype DOUBLE or rescale the column), found '1e300'");
        assertThat(new CsvDataSet().load(spec, new LoadContext(DataType.DOUBLE, 5, temp, null, null))
                .data().x().getDouble(1, 1)).isEqualTo(1e300);
    }

    @Test
    void anUnterminatedQuoteIsMalformed() {
        assertThatThrownBy(() -> load("a,b,label\n1,\"2,x\n3,4,y\n", 0, 0, Map.of()))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("csv.path must be a well-formed CSV file (");
    }

    @Test
    void theResolvedSpecHoldsAbsolutePaths() throws IOException {
        Files.writeString(temp.resolve("test.csv"), "a,b,label\n5,6,x\n7,8,y\n");
        Path relative = Path.of("").toAbsolutePath().relativize(temp.resolve("test.csv"));
        LoadedData loaded = load("a,b,label\n1,2,x\n3,4,y\n", 0, 0, Map.of("test", relative.toString()));
        assertThat(loaded.resolved().path()).isEqualTo(temp.resolve("data.csv").toAbsolutePath().toString());
        assertThat(loaded.resolved().options()).containsEntry("test", temp.resolve("test.csv").toAbsolutePath()
                .toString());
        assertThat(Path.of(loaded.resolved().path()).isAbsolute()).isTrue();
    }
}
