package no.dokumentdeling.storage;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Where document bytes live and how large an upload may be.
 *
 * @param mode {@code database} (default; one table beside the resources, so N replicas share it) or
 *     {@code filesystem} (a directory every replica mounts)
 * @param directory the directory for {@code filesystem} mode
 * @param maxUploadSize the largest request body accepted; larger ones get 413
 */
@Validated
@ConfigurationProperties(prefix = "dokumentdeling.storage")
public record DocumentStorageProperties(@NotNull Mode mode, Path directory, @NotNull DataSize maxUploadSize) {

	public enum Mode {
		DATABASE,
		FILESYSTEM
	}

	public DocumentStorageProperties {
		if (mode == null) mode = Mode.DATABASE;
		if (directory == null) directory = Path.of("data", "documents");
		if (maxUploadSize == null) maxUploadSize = DataSize.ofMegabytes(80);
	}
}
