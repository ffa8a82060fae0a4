package no.dokumentdeling.storage;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.binary.api.IBinaryStorageSvc;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.binary.svc.BaseBinaryStorageSvcImpl;
import ca.uhn.fhir.jpa.binstore.DatabaseBinaryContentStorageSvcImpl;
import ca.uhn.fhir.jpa.binstore.FilesystemBinaryStorageSvcImpl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;

/**
 * Document bytes are kept out of the resource JSON by HAPI's binary storage: a Binary resource row holds only a
 * pointer, and the bytes sit in their own table (or directory), so reading a DocumentReference never drags the
 * document along and ITI-68 can stream it.
 */
@Configuration
public class DocumentStorageConfig {

	@Bean
	public IBinaryStorageSvc binaryStorageSvc(DocumentStorageProperties properties) {
		BaseBinaryStorageSvcImpl svc = switch (properties.mode()) {
			case DATABASE -> new DatabaseBinaryContentStorageSvcImpl();
			case FILESYSTEM -> new FilesystemBinaryStorageSvcImpl(createDirectory(properties).toString());
		};
		// Every document, however small, goes to binary storage: one code path for ITI-68.
		svc.setMinimumBinarySize(0);
		svc.setMaximumBinarySize(properties.maxUploadSize().toBytes());
		return svc;
	}

	@Bean
	public DocumentBytesInterceptor documentBytesInterceptor(FhirContext fhirContext, DocumentStorageProperties properties) {
		DocumentBytesInterceptor interceptor = new DocumentBytesInterceptor(fhirContext);
		// ITI-68 (mhd.retrieve) streams the bytes from storage itself, and inlines them only when a client asks for
		// the FHIR Binary resource; HAPI must not pull whole documents into memory on every Binary read.
		interceptor.setAllowAutoInflateBinaries(false);
		return interceptor;
	}

	@EventListener(ContextRefreshedEvent.class)
	public void registerBinaryStorage(ContextRefreshedEvent event) {
		var context = event.getApplicationContext();
		IInterceptorService interceptors = context.getBean(IInterceptorService.class);
		DocumentBytesInterceptor documentBytes = context.getBean(DocumentBytesInterceptor.class);
		if (!interceptors.getAllRegisteredInterceptors().contains(documentBytes)) {
			interceptors.registerInterceptor(documentBytes);
		}
	}

	@Bean
	public FilterRegistrationBean<UploadLimitFilter> uploadLimitFilter(DocumentStorageProperties properties) {
		FilterRegistrationBean<UploadLimitFilter> registration =
				new FilterRegistrationBean<>(new UploadLimitFilter(properties.maxUploadSize().toBytes()));
		registration.addUrlPatterns("/fhir/*");
		registration.setOrder(0);
		return registration;
	}

	private static java.nio.file.Path createDirectory(DocumentStorageProperties properties) {
		try {
			return Files.createDirectories(properties.directory()).toAbsolutePath();
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot create document directory " + properties.directory(), e);
		}
	}
}
