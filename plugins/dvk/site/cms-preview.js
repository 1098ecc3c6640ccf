// The web editor's own additions to Decap CMS (served as /quan-tri/dvk-cms.js, after decap-cms.js):
// - the preview pane shows a model record, a news post and a document with the site's stylesheet and the
//   markup of the site's own pages (theme/templates/model.html, article.html, document.html);
// - before a save, empty optional values are dropped, so the file holds what the validator accepts
//   (an optional key left empty is absent, never `key: ''`).
// Every value an editor typed is passed to React as text (escaped); Markdown goes through Decap's own
// preview with `sanitize_preview: true`. Nothing here uses innerHTML.
(function () {
  "use strict";
  var CMS = window.CMS, h = window.h, createClass = window.createClass;
  if (!CMS || !h || !createClass) { return; }

  CMS.registerPreviewStyle("../theme/css/site.css");

  // Decap's Vietnamese locale lacks these phrases of its English one (decap-cms-locales 3.x, 77 of them):
  // without them the editor would show English buttons and tooltips. Merged over its own "vi".
  var MORE_VI = {
    auth: { loginWithAzure: "Đăng nhập bằng Azure", loginWithForgejo: "Đăng nhập bằng Forgejo" },
    collection: {
      collectionTop: { viewAsList: "Xem dạng danh sách", viewAsGrid: "Xem dạng lưới", groupBy: "Nhóm theo" },
      entries: { unpublishedHeader: "Bài chưa đăng" },
      groups: { other: "Khác", negateLabel: "Không phải %{label}" }
    },
    editor: {
      editorControl: { field: { widgetLabel: "Trường %{widgetLabel}" } },
      editorControlPane: { i18n: {
        writingInLocale: "Đang viết bằng %{locale}",
        copyFromLocale: "Điền từ ngôn ngữ khác",
        copyFromLocaleConfirm: "Điền dữ liệu từ ngôn ngữ %{locale}?\nMọi nội dung đang có sẽ bị ghi đè."
      } },
      editorInterface: { toggleI18n: "Bật/tắt đa ngôn ngữ", togglePreview: "Bật/tắt xem trước",
                         toggleScrollSync: "Cuộn cùng nhau", toggleNotes: "Bật/tắt ghi chú" },
      editorNotesPane: {
        title: "Ghi chú", emptyState: "Chưa có ghi chú nào. Hãy thêm ghi chú đầu tiên ở dưới để cùng trao đổi.",
        addNote: "Thêm ghi chú", addPlaceholder: "Thêm một ghi chú…", editPlaceholder: "Sửa ghi chú…",
        save: "Lưu", cancel: "Hủy", edit: "Sửa", delete: "Xóa", resolve: "Đã xử lý", unresolve: "Mở lại",
        confirmDelete: "Xóa ghi chú này?", shortcut: "Mẹo: nhấn Ctrl+Enter để thêm ghi chú nhanh"
      },
      editorToolbar: {
        statusInfoTooltipDraft: "Bài đang là bản nháp. Để hoàn tất và gửi duyệt, hãy chuyển trạng thái sang “Chờ duyệt”",
        statusInfoTooltipInReview: "Bài đang được duyệt, không cần làm gì thêm. Bạn vẫn có thể sửa trong khi chờ duyệt."
      },
      editorWidgets: {
        markdown: { bold: "In đậm", italic: "In nghiêng", strikethrough: "Gạch ngang", code: "Mã", link: "Liên kết",
                    linkPrompt: "Nhập địa chỉ của liên kết", headings: "Tiêu đề", quote: "Trích dẫn",
                    bulletedList: "Danh sách gạch đầu dòng", numberedList: "Danh sách đánh số",
                    addComponent: "Thêm thành phần",
                    toggleMode: { rich: "Chuyển sang chế độ soạn thảo trực quan", markdown: "Chuyển sang chế độ Markdown" } },
        image: { chooseMultiple: "Chọn ảnh", chooseUrl: "Chèn từ địa chỉ", replaceUrl: "Thay bằng địa chỉ",
                 promptUrl: "Nhập địa chỉ của ảnh", addMore: "Thêm ảnh", removeAll: "Bỏ mọi ảnh" },
        file: { chooseUrl: "Chèn từ địa chỉ", chooseMultiple: "Chọn tệp", replaceUrl: "Thay bằng địa chỉ",
                promptUrl: "Nhập địa chỉ của tệp", addMore: "Thêm tệp", removeAll: "Bỏ mọi tệp" },
        datetime: { setToNow: "Đặt %{fieldLabel} là bây giờ" },
        list: { add: "Thêm %{item}", addType: "Thêm %{item}" },
        object: { expand: "Mở rộng", collapse: "Thu gọn" }
      }
    },
    mediaLibrary: {
      mediaLibraryCard: { copy: "Sao chép", copyUrl: "Sao chép địa chỉ", copyPath: "Sao chép đường dẫn",
                          copyName: "Sao chép tên", copied: "Đã sao chép" },
      mediaLibraryModal: { close: "Đóng" }
    },
    ui: {
      settingsDropdown: { account: "Tùy chọn tài khoản" },
      toast: { noteAdded: "Đã thêm ghi chú", onFailToAddNote: "Không thêm được ghi chú: %{details}",
               noteUpdated: "Đã cập nhật ghi chú", onFailToUpdateNote: "Không cập nhật được ghi chú: %{details}",
               noteDeleted: "Đã xóa ghi chú", onFailToDeleteNote: "Không xóa được ghi chú: %{details}",
               noteResolved: "Đã đánh dấu ghi chú là đã xử lý", noteReopened: "Đã mở lại ghi chú",
               onFailToToggleNote: "Không đổi được trạng thái ghi chú: %{details}" }
    }
  };
  function merged(base, more) {
    var out = {};
    Object.keys(base || {}).forEach(function (k) { out[k] = base[k]; });
    Object.keys(more).forEach(function (k) {
      var mine = more[k], theirs = out[k];
      if (theirs === undefined) { out[k] = mine; }                       // only what Decap's "vi" lacks
      else if (typeof mine === "object" && typeof theirs === "object") { out[k] = merged(theirs, mine); }
    });
    return out;
  }
  if (CMS.getLocale && CMS.getLocale("vi")) { CMS.registerLocale("vi", merged(CMS.getLocale("vi"), MORE_VI)); }

  // The body editor's built-in components are named in English by Decap itself, not by its locale.
  var images = CMS.getEditorComponents && CMS.getEditorComponents();
  var image = images && images.get && images.get("image");
  if (image) {
    var IMAGE_FIELDS = { image: "Ảnh", alt: "Mô tả ảnh (cho người không xem được ảnh)", title: "Chú thích khi rê chuột" };
    image.label = "Ảnh";
    if (image.fields && image.fields.map) {
      image.fields = image.fields.map(function (f) {
        return f && f.get && IMAGE_FIELDS[f.get("name")] ? f.set("label", IMAGE_FIELDS[f.get("name")]) : f;
      });
    }
  }
  if (CMS.registerEditorComponent) {
    CMS.registerEditorComponent({ id: "code-block", label: "Khối mã", type: "code-block" });
  }

  function get(entry, key) {
    var value = entry.getIn(["data", key]);
    return value && value.toJS ? value.toJS() : value;
  }

  // The Vietnamese label of a select's value, read from the form's own configuration (not repeated here).
  function label(collection, key, value) {
    var field = collection.get("fields").find(function (f) { return f.get("name") === key; });
    var options = field && field.get("options");
    var hit = options && options.find(function (o) { return o.get && o.get("value") === value; });
    return hit ? hit.get("label") : (value == null ? "" : String(value));
  }

  function fact(term, value) {
    if (value === undefined || value === null || value === "") { return null; }
    return [h("dt", { key: term + "-t" }, term), h("dd", { key: term + "-d" }, String(value))];
  }

  function page(children) {
    return h("main", { id: "noi-dung", className: "container" }, children);
  }

  function drafted(entry, message) {
    var flag = get(entry, "draft") === true || get(entry, "status") === "draft";
    return flag ? h("p", { className: "badge badge--illustrative" }, message) : null;
  }

  var ModelPreview = createClass({
    render: function () {
      var e = this.props.entry, c = this.props.collection;
      var recognized = get(e, "recognized") || {};
      var topics = (get(e, "topics") || []).map(function (t) { return label(c, "topics", t); });
      var results = get(e, "results") || [];
      var sources = get(e, "sources") || [];
      var collective = get(e, "kind") !== "individual";
      return page(h("article", { className: "model" },
        drafted(e, "Bản nháp — chưa đăng"),
        h("h1", null, get(e, "name") || "(chưa có tên mô hình)"),
        recognized.year && recognized.level ? h("p", { className: "badge badge--recognized" },
          "Được công nhận " + label(c, "recognized", recognized.level).toLowerCase() + " năm " + recognized.year) : null,
        h("p", { className: "lead" }, get(e, "summary") || ""),
        h("dl", { className: "facts" },
          fact(collective ? "Đơn vị thực hiện" : "Cá nhân thực hiện", get(e, "owner")),
          fact("Loại mô hình", label(c, "kind", get(e, "kind"))),
          fact("Lĩnh vực", label(c, "field", get(e, "field"))),
          fact("Chủ đề", topics.join("; ")),
          fact("Tỉnh, thành phố", get(e, "province")),
          fact("Địa bàn", get(e, "locality")),
          fact("Tình trạng", label(c, "status", get(e, "status"))),
          fact("Năm đăng ký", get(e, "registered"))),
        get(e, "description") ? h("section", { className: "prose" }, h("h2", null, "Mô tả"),
          this.props.widgetFor("description")) : null,
        results.length ? h("section", null, h("h2", null, "Kết quả"), h("ul", { className: "figures" },
          results.map(function (r, i) {
            return h("li", { key: i }, h("span", { className: "figures__number" }, String(r.value == null ? "" : r.value),
              r.unit ? h("span", { className: "figures__unit" }, " " + r.unit) : null),
              h("span", { className: "figures__label" }, r.label || ""));
          }))) : null,
        sources.length ? h("section", null, h("h2", null, "Nguồn"), h("ul", null, sources.map(function (s, i) {
          return h("li", { key: i }, s.title || "", s.date ? " (" + s.date + ")" : "");
        }))) : null));
    }
  });

  var PostPreview = createClass({
    render: function () {
      var e = this.props.entry;
      var tags = get(e, "tags") || [];
      return page(h("article", { className: "post" },
        drafted(e, "Bản nháp — chưa đăng"),
        h("div", { className: "post-toolbar" }, h("p", { className: "post__date" },
          h("span", { className: "post__category" }, get(e, "category") || ""), " · ", get(e, "date") || "")),
        h("h1", null, get(e, "title") || "(chưa có tiêu đề)"),
        h("div", { className: "post__lead" }, h("p", null, get(e, "summary") || "")),
        h("div", { className: "prose" }, this.props.widgetFor("body")),
        get(e, "author") ? h("p", { className: "post__author" }, get(e, "author")) : null,
        get(e, "source") ? h("p", { className: "post__source" }, "Nguồn: " + get(e, "source")) : null,
        tags.length ? h("ul", { className: "post__tags" }, tags.map(function (t, i) { return h("li", { key: i }, t); })) : null));
    }
  });

  var DocumentPreview = createClass({
    render: function () {
      var e = this.props.entry;
      var recipients = [].concat(get(e, "recipients") || []);
      var cc = [].concat(get(e, "cc") || []);
      var party = get(e, "system") !== "state";
      var type = get(e, "doc_type") || "";
      return page(h("article", { className: "document" },
        drafted(e, "Bản nháp — chưa đăng"),
        h("header", { className: "doc-header" },
          h("div", { className: "doc-header__issuer" },
            get(e, "parent") ? h("p", { className: "doc-header__parent" }, String(get(e, "parent")).toUpperCase()) : null,
            h("p", { className: "doc-header__body" }, h("strong", null, String(get(e, "issuer") || "").toUpperCase())),
            h("p", { className: "doc-header__star", "aria-hidden": "true" }, "*"),
            h("p", { className: "doc-header__number" }, "Số " + (get(e, "number") || "")),
            type.toLowerCase() === "công văn" ? h("p", { className: "doc-header__subject" }, "V/v " + (get(e, "subject") || "")) : null),
          h("div", { className: "doc-header__nation" },
            party ? h("p", { className: "doc-header__motto" }, h("strong", null, "ĐẢNG CỘNG SẢN VIỆT NAM"))
              : h("p", { className: "doc-header__motto" }, h("strong", null, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")),
            h("p", { className: "doc-header__place" }, h("em", null, (get(e, "place") || "") + ", " + (get(e, "date") || ""))))),
        type.toLowerCase() === "công văn" ? h("h1", { className: "visually-hidden" }, type + " số " + (get(e, "number") || ""))
          : h("h1", { className: "doc-title" }, type.toUpperCase(),
          h("br"), h("span", { className: "doc-title__subject" }, "Về " + (get(e, "subject") || ""))),
        recipients.length ? h("div", { className: "doc-recipients" }, h("p", null, "Kính gửi: " + recipients.join("; "))) : null,
        h("div", { className: "prose" }, this.props.widgetFor("body")),
        h("footer", { className: "doc-footer" },
          cc.length ? h("div", { className: "doc-cc" }, h("p", null, h("strong", null, h("em", null, "Nơi nhận:"))),
            h("ul", null, cc.map(function (r, i) { return h("li", { key: i }, r); }))) : h("div"),
          h("div", { className: "doc-signature" },
            get(e, "on_behalf") ? h("p", null, h("strong", null, get(e, "on_behalf"))) : null,
            h("p", null, h("strong", null, String(get(e, "signer_role") || "").toUpperCase())),
            h("p", { className: "doc-signature__name" }, h("strong", null, get(e, "signer") || ""))))));
    }
  });

  CMS.registerPreviewTemplate("mo-hinh", ModelPreview);
  CMS.registerPreviewTemplate("tin-tuc", PostPreview);
  CMS.registerPreviewTemplate("trang", PostPreview);
  CMS.registerPreviewTemplate("van-ban", DocumentPreview);

  // An optional value left empty is dropped, at any depth: `locality: ''`, `topics: []`, `recognized: {}`.
  function empty(value) {
    if (value === null || value === undefined) { return true; }
    if (typeof value === "string") { return value.trim() === ""; }
    if (value.size !== undefined && value.filter) { return value.size === 0; }
    return false;
  }
  function prune(value) {     // lists and groups (Immutable List and Map), their empty members dropped
    if (value && typeof value.toJS === "function" && typeof value.filter === "function") {
      return value.map(prune).filter(function (v) { return !empty(v); });
    }
    return value;
  }
  CMS.registerEventListener({
    name: "preSave",
    handler: function (args) {
      var data = args.entry.get("data");
      return data.map(prune).filter(function (v, k) { return k === "body" || !empty(v); });
    }
  });
})();
