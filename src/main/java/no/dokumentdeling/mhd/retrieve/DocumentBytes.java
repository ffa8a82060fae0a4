package no.dokumentdeling.mhd.retrieve;

import ca.uhn.fhir.jpa.binary.api.IBinaryStorageSvc;
import ca.uhn.fhir.jpa.binary.api.StoredDetails;
import ca.uhn.fhir.jpa.binstore.DatabaseBinaryContentStorageSvcImpl;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.stereotype.Component;

/**
 * Writes a stored document's bytes to a response, holding at most one chunk of it in memory.
 *
 * <p>HAPI's filesystem storage streams by itself. HAPI's database storage (8.8) loads the whole {@code bytea} into one
 * byte array per request, and the PostgreSQL driver cannot stream a {@code bytea} either; so on PostgreSQL the
 * document is read in {@link #CHUNK} slices with {@code substring()}, one short query (and pooled connection) per
 * slice, which PostgreSQL answers without detoasting the whole value for uncompressed (e.g. PDF) content. Other
 * databases (H2, for development) use HAPI's own copy.
 */
@Component
public class DocumentBytes {

	static final int CHUNK = 1024 * 1024;

	private static final String DETAILS = "SELECT BLOB_SIZE, BLOB_HASH, CONTENT_TYPE FROM HFJ_BINARY_STORAGE_BLOB WHERE BLOB_ID = ?";

	private static final String SLICE = "SELECT substring(STORAGE_CONTENT_BIN from ? for ?) FROM HFJ_BINARY_STORAGE_BLOB WHERE BLOB_ID = ?";

	private final IBinaryStorageSvc storage;
	private final DataSource dataSource;
	private final boolean chunked;

	public DocumentBytes(IBinaryStorageSvc storage, DataSource dataSource, DataSourceProperties dataSourceProperties) {
		this.storage = storage;
		this.dataSource = dataSource;
		String url = dataSourceProperties.determineUrl();
		this.chunked = storage instanceof DatabaseBinaryContentStorageSvcImpl && url != null && url.startsWith("jdbc:postgresql:");
	}

	/**
	 * Size, hash and type of the stored bytes, or null when there are none. On PostgreSQL database storage this reads
	 * only those columns: HAPI's own lookup loads the storage entity, and with it the whole document.
	 */
	public StoredDetails details(IdType binaryId, String blobId) throws IOException {
		if (!chunked) {
			return storage.fetchBinaryContentDetails(binaryId, blobId);
		}
		try (Connection connection = dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement(DETAILS)) {
			statement.setString(1, blobId);
			try (ResultSet rows = statement.executeQuery()) {
				if (!rows.next()) {
					return null;
				}
				return new StoredDetails().setBinaryContentId(blobId).setBytes(rows.getLong(1))
						.setHash(rows.getString(2)).setContentType(rows.getString(3));
			}
		} catch (SQLException e) {
			throw new IOException("Cannot read document details " + blobId, e);
		}
	}

	/** Writes the bytes; false when storage has no content for {@code blobId} (nothing was written then). */
	public boolean write(IdType binaryId, String blobId, long size, OutputStream out) throws IOException {
		if (!chunked || size == 0) {
			return storage.writeBinaryContent(binaryId, blobId, out);
		}
		long written = 0;
		while (written < size) {
			byte[] slice = slice(blobId, written, (int) Math.min(CHUNK, size - written));
			if (slice == null) {
				// No row or a legacy large-object row: HAPI's own reader knows those, if nothing went out yet.
				if (written == 0) {
					return storage.writeBinaryContent(binaryId, blobId, out);
				}
				throw new IOException("Document " + binaryId.getValue() + " ended after " + written + " of " + size + " bytes");
			}
			out.write(slice);
			written += slice.length;
		}
		return true;
	}

	private byte[] slice(String blobId, long offset, int length) throws IOException {
		try (Connection connection = dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement(SLICE)) {
			statement.setInt(1, Math.toIntExact(offset + 1));
			statement.setInt(2, length);
			statement.setString(3, blobId);
			try (ResultSet rows = statement.executeQuery()) {
				if (!rows.next()) {
					return null;
				}
				byte[] bytes = rows.getBytes(1);
				return bytes == null || bytes.length == 0 ? null : bytes;
			}
		} catch (SQLException e) {
			throw new IOException("Cannot read document " + blobId, e);
		}
	}
}
