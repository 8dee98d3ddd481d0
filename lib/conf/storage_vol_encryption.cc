// <encryption> of a volume: the format, the passphrase secrets and, for
// LUKS, the cipher and IV generator.
#include "lib/conf/storage_vol.h"
#include "lib/util/error.h"

namespace vireo::conf {

namespace {

[[noreturn]] void xmlError(const std::string& msg) { fail(VIR_ERR_XML_ERROR, VIR_FROM_STORAGE, msg); }
[[noreturn]] void unsupported(const std::string& msg) {
  fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_STORAGE, msg);
}

const std::vector<std::string_view> kFormats = {"default", "qcow", "luks", "luks2"};

SecretRef parseSecret(const xml::Element& e) {
  const std::string* type = e.attr("type");
  if (!type) xmlError("unknown volume encryption secret type");
  if (*type != "passphrase") unsupported("unknown volume encryption secret type " + *type);
  return parseSecretRef(e);
}

VolEncryption::Cipher parseCipher(const xml::Element& e) {
  VolEncryption::Cipher c;
  c.name = e.attrOr("name");
  if (c.name.empty()) xmlError("cipher info missing 'name' attribute");
  auto size = intAttr(e, "size", true);
  if (!size) failMissingAttr(e, "size");
  c.size = static_cast<unsigned long long>(*size);
  c.mode = e.attrOr("mode");
  c.hash = e.attrOr("hash");
  return c;
}

}  // namespace

VolEncryption parseVolEncryption(const xml::Element& e) {
  VolEncryption enc;
  const std::string* format = e.attr("format");
  if (!format) xmlError("unknown volume encryption format");
  if (enumIndex(kFormats, *format) < 0) unsupported("unknown volume encryption format type " + *format);
  enc.format = *format;
  for (const xml::Element* s : e.childrenNamed("secret")) enc.secrets.push_back(parseSecret(*s));
  if (const xml::Element* c = e.child("cipher")) enc.cipher = parseCipher(*c);
  if (const xml::Element* i = e.child("ivgen")) {
    if (!enc.cipher) xmlError("ivgen element found, but cipher is missing");
    VolEncryption::Ivgen ivgen;
    ivgen.name = i->attrOr("name");
    if (ivgen.name.empty()) xmlError("missing ivgen info name string");
    ivgen.hash = i->attrOr("hash");
    enc.ivgen = ivgen;
  }
  return enc;
}

void writeVolEncryption(xml::Writer& w, const VolEncryption& enc) {
  // libvirt writes the end tag even when nothing goes inside.
  w.openBlock("encryption", "format", enc.format);
  for (const SecretRef& s : enc.secrets) {
    w.open("secret").attr("type", "passphrase");
    writeSecretRef(w, s);
    w.close();
  }
  if (enc.cipher) {
    w.open("cipher").attr("name", enc.cipher->name).attr("size", enc.cipher->size);
    w.attrIf("mode", enc.cipher->mode).attrIf("hash", enc.cipher->hash).close();
  }
  if (enc.ivgen) w.open("ivgen").attr("name", enc.ivgen->name).attrIf("hash", enc.ivgen->hash).close();
  w.close();
}

}  // namespace vireo::conf
