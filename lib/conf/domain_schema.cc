#include "lib/conf/domain_schema.h"

#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>

#include <map>
#include <memory>

#include "lib/util/error.h"
#include "lib/util/mutex.h"

namespace vireo::conf {

namespace {

struct FreeSchema {
  void operator()(xmlRelaxNGPtr s) const { xmlRelaxNGFree(s); }
};
struct FreeParser {
  void operator()(xmlRelaxNGParserCtxtPtr c) const { xmlRelaxNGFreeParserCtxt(c); }
};
struct FreeValidator {
  void operator()(xmlRelaxNGValidCtxtPtr c) const { xmlRelaxNGFreeValidCtxt(c); }
};
using SchemaPtr = std::unique_ptr<xmlRelaxNG, FreeSchema>;

// Appends each libxml2 message to a std::string, as libvirt collects them in
// a buffer. libxml2's messages already end in a newline.
void collectMessage(void* out, xmlErrorPtr err) {
  if (err && err->message) static_cast<std::string*>(out)->append(err->message);
}

// The parsed schemas, by path. A compiled RelaxNG grammar is read-only while
// documents are validated against it (each validation has its own context),
// so once parsed a schema is used by every thread without the lock.
class SchemaCache {
 public:
  const xmlRelaxNG* get(const std::string& path) {
    MutexLock lock(mu_);
    auto it = schemas_.find(path);
    if (it != schemas_.end()) return it->second.get();
    SchemaPtr schema = load(path);
    const xmlRelaxNG* result = schema.get();
    schemas_.emplace(path, std::move(schema));
    return result;
  }

 private:
  static SchemaPtr load(const std::string& path) {
    xml::SilenceErrors silence;  // the includes are read with libxml2's own parser
    std::unique_ptr<xmlRelaxNGParserCtxt, FreeParser> parser(xmlRelaxNGNewParserCtxt(path.c_str()));
    if (!parser) fail(VIR_ERR_NO_MEMORY, VIR_FROM_XML, "");
    std::string messages;
    xmlRelaxNGSetParserStructuredErrors(parser.get(), collectMessage, &messages);
    SchemaPtr schema(xmlRelaxNGParse(parser.get()));
    if (!schema) fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_XML, "Unable to parse RNG " + path + ": " + messages);
    return schema;
  }

  Mutex mu_;
  std::map<std::string, SchemaPtr> schemas_ GUARDED_BY(mu_);
};

SchemaCache& schemaCache() {
  static SchemaCache cache;
  return cache;
}

}  // namespace

void validateAgainstSchema(const xml::Document& doc, const std::string& schemaPath) {
  // libxml2 takes the schema as non-const, but validation only reads it.
  auto* schema = const_cast<xmlRelaxNG*>(schemaCache().get(schemaPath));
  xml::SilenceErrors silence;
  std::unique_ptr<xmlRelaxNGValidCtxt, FreeValidator> validator(xmlRelaxNGNewValidCtxt(schema));
  if (!validator) fail(VIR_ERR_NO_MEMORY, VIR_FROM_XML, "");
  std::string messages;
  xmlRelaxNGSetValidStructuredErrors(validator.get(), collectMessage, &messages);
  if (xmlRelaxNGValidateDoc(validator.get(), doc.get()) != 0)
    fail(VIR_ERR_XML_INVALID_SCHEMA, VIR_FROM_XML,
         "Unable to validate doc against " + schemaPath + "\n" + messages);
}

}  // namespace vireo::conf
