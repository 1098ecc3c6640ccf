"""A deterministic synthetic corpus at national scale, for benchmarks.

``write_corpus`` writes model records, news posts, official documents and
province reports in the layout of the real site, from Vietnamese vocabulary on
the themes of the "Dân vận khéo" movement. Every record says
``illustrative: true``. The same arguments always give byte-identical files:
all randomness comes from one ``random.Random(seed)``, consumed in a fixed
order.

Speed matters (100,000 records in seconds), so YAML is written as text
from templates rather than with ``yaml.dump``: every free-text value is a
double-quoted YAML scalar, every description a literal block. Sentences for
descriptions and post bodies are drawn from per-field pools generated once per
run; each summary and the first sentence of each description name the
record's own owner and place, so records still read as distinct.

Only the standard library and PyYAML are used, so the module runs as a script:

    python plugins/dvk/synthetic.py --models 100000 --posts 2000 --docs 200 --out /tmp/corpus
"""
from __future__ import annotations

import argparse
import datetime as dt
import functools
import os
import random
import re
import shutil
import sys
import time
import unicodedata
from pathlib import Path

import yaml

FIELDS_FILE = Path(__file__).resolve().parents[3] / "data" / "fields.yaml"

# --------------------------------------------------------------------------
# Provinces
# --------------------------------------------------------------------------

# Today's 34 provinces and centrally-run cities (since the 2025 merger).
CURRENT_PROVINCES = (
    "Hà Nội", "Cao Bằng", "Tuyên Quang", "Điện Biên", "Lai Châu", "Sơn La", "Lào Cai",
    "Thái Nguyên", "Lạng Sơn", "Quảng Ninh", "Bắc Ninh", "Phú Thọ", "Hải Phòng", "Hưng Yên",
    "Ninh Bình", "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Quảng Trị", "Huế", "Đà Nẵng",
    "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Đắk Lắk", "Lâm Đồng", "Đồng Nai", "Hồ Chí Minh",
    "Tây Ninh", "Đồng Tháp", "Vĩnh Long", "An Giang", "Cần Thơ", "Cà Mau",
)

# The 63 provinces before the merger: today's names that already existed
# ("Huế" was "Thừa Thiên Huế"), plus the 29 that were merged away.
OLD_PROVINCES = tuple("Thừa Thiên Huế" if p == "Huế" else p for p in CURRENT_PROVINCES) + (
    "Hà Giang", "Yên Bái", "Bắc Kạn", "Hòa Bình", "Vĩnh Phúc", "Bắc Giang", "Hải Dương",
    "Thái Bình", "Hà Nam", "Nam Định", "Quảng Bình", "Quảng Nam", "Kon Tum", "Bình Định",
    "Phú Yên", "Ninh Thuận", "Đắk Nông", "Bình Thuận", "Bình Phước", "Bình Dương",
    "Bà Rịa - Vũng Tàu", "Long An", "Tiền Giang", "Bến Tre", "Trà Vinh", "Kiên Giang",
    "Hậu Giang", "Sóc Trăng", "Bạc Liêu",
)

# Centrally-run cities take the "TP." prefix and "thành phố" in prose.
CITIES = frozenset({"Hà Nội", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ", "Huế"})

# --------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------

FAMILY_NAMES = ("Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng",
                "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý",
                "Lò", "Hà", "Giàng", "Y", "Thạch")
MIDDLE_MALE = ("Văn", "Văn", "Hữu", "Đức", "Minh", "Quang", "Công", "Thanh", "Xuân", "Ngọc")
MIDDLE_FEMALE = ("Thị", "Thị", "Thị", "Thu", "Ngọc", "Thanh", "Kim", "Hồng", "Mỹ")
GIVEN_MALE = ("Hùng", "Dũng", "Tuấn", "Minh", "Nam", "Hải", "Sơn", "Thắng", "Long", "Phong",
              "Bình", "Cường", "Hòa", "Tâm", "Lộc", "Phúc", "Trung", "Khánh", "Páo", "Sáng")
GIVEN_FEMALE = ("Lan", "Hoa", "Hương", "Mai", "Hạnh", "Thảo", "Ngân", "Trang", "Linh", "Yến",
                "Nga", "Huyền", "Phượng", "Dung", "Loan", "Tuyết", "Sương", "Xuân")

COMMUNES = ("Tân Lập", "Tân Tiến", "Hòa Bình", "Quyết Thắng", "Thanh Xuân", "Đông Hòa",
            "Phước Long", "An Phú", "Bình Minh", "Hưng Đạo", "Thạnh Phú", "Vĩnh Thành", "Mỹ Lộc",
            "Hòa Hiệp", "Trung Sơn", "Nghĩa Hưng", "Tam Hiệp", "Long Hưng", "Phú Xuân", "Ea Kly",
            "Nà Nhạn", "Tà Xùa", "Cam Thủy", "Triệu Độ", "Đắk Rla", "Vĩnh Kim", "Mường Khương")
DISTRICTS = ("Triệu Phong", "Cam Lộ", "Krông Nô", "Cư Jút", "Châu Thành", "Phú Tân", "Thạch Hà",
             "Yên Thành", "Tiên Yên", "Mường Lát", "Bảo Lâm", "Đơn Dương", "Tam Nông", "Mỏ Cày Nam",
             "Tuy Phước", "Núi Thành", "Diễn Châu", "Lạc Dương", "Hòa Vang", "Đồng Xuân")
COMMUNE_KINDS = ("xã", "xã", "xã", "xã", "xã", "xã", "phường", "phường", "thị trấn")

# Owners of collective models: {a} is "xã"/"phường"/"thị trấn", {c} a commune,
# {d} a district. District-level owners make the locality the district.
COMMUNE_OWNERS = ("Hội Nông dân {a} {c}", "Hội Liên hiệp Phụ nữ {a} {c}", "Đoàn Thanh niên {a} {c}",
                  "Hội Cựu chiến binh {a} {c}", "Ủy ban Mặt trận Tổ quốc {a} {c}", "Đảng ủy {a} {c}",
                  "Ủy ban nhân dân {a} {c}", "Công an {a} {c}", "Hội Người cao tuổi {a} {c}",
                  "Hội Khuyến học {a} {c}", "Hội Chữ thập đỏ {a} {c}", "Trạm Y tế {a} {c}",
                  "Trường Tiểu học {c}", "Chi bộ thôn {c}", "Ban công tác Mặt trận khu dân cư {c}")
DISTRICT_OWNERS = ("Ban Dân vận Huyện ủy {d}", "Huyện đoàn {d}", "Công an huyện {d}",
                   "Phòng Nội vụ huyện {d}", "Ủy ban Mặt trận Tổ quốc huyện {d}",
                   "Đồn Biên phòng {d}", "Hội Nông dân huyện {d}")
INDIVIDUAL_ROLES = ("trưởng thôn", "bí thư chi bộ", "chi hội trưởng phụ nữ", "cựu chiến binh",
                    "người có uy tín trong đồng bào", "tổ trưởng tổ dân phố", "già làng",
                    "công an viên", "trưởng ban công tác Mặt trận", "giáo viên về hưu")

# Per topic id: activities, named as "<head> <activity>" with a head from
# NAME_HEADS, and model titles, named as "Mô hình “<title>”". A topic missing
# here (one added to data/fields.yaml later) uses the generic ones.
NAME_HEADS = ("Dân vận khéo trong", "Vận động Nhân dân", "Dân vận khéo", "Mô hình")
GENERIC_ACTIVITIES = ("làm tốt công tác dân vận ở cơ sở", "vận động quần chúng")
GENERIC_TITLES = ("Dân vận khéo ở cơ sở", "Cán bộ gần dân")
TOPIC_ACTIVITIES = {
    "new-countryside": ("xây dựng nông thôn mới", "xây dựng khu dân cư kiểu mẫu",
                        "chỉnh trang nhà cửa, hàng rào", "xây dựng vườn mẫu"),
    "poverty-reduction": ("giúp hộ nghèo thoát nghèo", "giảm nghèo bền vững",
                          "xóa nhà tạm, nhà dột nát", "hỗ trợ sinh kế hộ nghèo"),
    "production-business": ("phát triển kinh tế hợp tác", "liên kết sản xuất lúa hữu cơ",
                            "chuyển đổi cơ cấu cây trồng", "phát triển sản phẩm OCOP"),
    "infrastructure": ("hiến đất làm đường", "bê tông hóa đường giao thông",
                       "làm cầu dân sinh", "kiên cố hóa kênh mương"),
    "children": ("chăm sóc trẻ em mồ côi", "phòng chống đuối nước trẻ em",
                 "bảo vệ trẻ em khỏi xâm hại", "chăm lo bữa ăn bán trú"),
    "education": ("xây dựng xã hội học tập", "vận động học sinh ra lớp",
                  "phát triển quỹ khuyến học", "xóa mù chữ cho đồng bào"),
    "social-welfare": ("chăm lo người cao tuổi neo đơn", "giúp đỡ người khuyết tật",
                       "hỗ trợ gia đình chính sách", "chăm lo Tết cho người nghèo"),
    "cultural-life": ("thực hiện nếp sống văn minh", "xóa bỏ hủ tục lạc hậu",
                      "giữ gìn bản sắc dân tộc", "xây dựng gia đình văn hóa"),
    "environment": ("phân loại rác thải tại nguồn", "giảm thiểu rác thải nhựa",
                    "trồng cây xanh", "bảo vệ nguồn nước"),
    "health": ("tham gia bảo hiểm y tế", "chăm sóc sức khỏe ban đầu",
               "phòng chống dịch bệnh", "hiến máu tình nguyện"),
    "security-order": ("giữ gìn an ninh trật tự", "tự quản an ninh khu dân cư",
                       "hòa giải mâu thuẫn ở cơ sở", "xây dựng khu dân cư an toàn"),
    "border-sovereignty": ("tự quản đường biên, cột mốc", "bảo vệ chủ quyền biển đảo",
                           "giữ vững an ninh biên giới", "xây dựng biên giới hòa bình"),
    "crime-prevention": ("phòng chống ma túy", "phòng chống tội phạm",
                         "cảm hóa người lầm lỗi", "phòng chống lừa đảo qua mạng"),
    "traffic-safety": ("bảo đảm an toàn giao thông", "đội mũ bảo hiểm cho trẻ em",
                       "thắp sáng đường giao thông", "xây dựng tuyến đường an toàn"),
    "admin-reform": ("cải cách thủ tục hành chính", "chuyển đổi số ở cơ sở",
                     "đẩy mạnh dịch vụ công trực tuyến", "xây dựng chính quyền thân thiện"),
    "front-organisations": ("xây dựng chi hội vững mạnh", "phát triển hội viên mới",
                            "nâng chất sinh hoạt chi hội", "đổi mới hoạt động Mặt trận"),
    "party-government-building": ("góp ý xây dựng Đảng", "đối thoại trực tiếp với Nhân dân",
                                  "nâng chất sinh hoạt chi bộ", "thực hiện dân chủ ở cơ sở"),
    "ideological-defense": ("đấu tranh với thông tin xấu độc", "bảo vệ nền tảng tư tưởng",
                            "tuyên truyền trên mạng xã hội", "định hướng dư luận xã hội"),
}
TOPIC_TITLES = {
    "new-countryside": ("Đường hoa nông thôn", "Khu dân cư kiểu mẫu", "Thôn sáng, xanh, sạch, đẹp",
                        "Hàng rào xanh"),
    "poverty-reduction": ("Tiết kiệm vì người nghèo", "Ngôi nhà nghĩa tình", "Heo giống luân chuyển",
                          "Bò giống giúp hộ nghèo"),
    "production-business": ("Cánh đồng lớn", "Tổ hợp tác rau an toàn", "Chi hội nghề nghiệp nuôi ong",
                            "Phụ nữ khởi nghiệp"),
    "infrastructure": ("Thắp sáng đường quê", "Nhà nước và Nhân dân cùng làm", "Cầu nông thôn nghĩa tình",
                       "Con đường nghĩa tình"),
    "children": ("Mẹ đỡ đầu", "Lớp học bơi miễn phí", "Ngôi nhà an toàn cho trẻ", "Bữa sáng yêu thương"),
    "education": ("Dòng họ hiếu học", "Nuôi heo đất khuyến học", "Tiếp sức đến trường", "Gia đình học tập"),
    "social-welfare": ("Bếp ăn từ thiện", "Tủ bánh mì yêu thương", "Hũ gạo tình thương", "Mái ấm Công đoàn"),
    "cultural-life": ("Đám cưới văn minh, tiết kiệm", "Câu lạc bộ dân ca", "Gia đình hạnh phúc",
                      "Thôn văn hóa kiểu mẫu"),
    "environment": ("Chủ nhật xanh", "Biến rác thành tiền", "Ngôi nhà xanh", "Đổi rác lấy quà"),
    "health": ("Thầy thuốc đồng hành", "Tủ thuốc nhân đạo", "Giọt máu hồng", "Phiên khám bệnh nghĩa tình"),
    "security-order": ("Camera an ninh", "Tổ tự quản an ninh trật tự", "Tổ hòa giải giỏi", "Khu phố bình yên"),
    "border-sovereignty": ("Nâng bước em tới trường", "Con nuôi đồn Biên phòng", "Tổ tự quản đường biên",
                           "Ngư dân bám biển"),
    "crime-prevention": ("Xã không có ma túy", "Đồng hành giúp người lầm lỗi",
                         "Dòng họ không vi phạm pháp luật", "Cảnh giác lừa đảo"),
    "traffic-safety": ("Cổng trường an toàn giao thông", "Tuyến đường tự quản", "Đã uống rượu bia, không lái xe",
                       "Mũ bảo hiểm cho em"),
    "admin-reform": ("Bộ phận một cửa thân thiện", "Cán bộ đến từng nhà", "Ngày thứ Bảy vì dân",
                     "Tổ công nghệ số cộng đồng"),
    "front-organisations": ("Chi hội năm không", "Đoàn viên vì cộng đồng", "Tổ phụ nữ tiết kiệm",
                            "Ngày hội Đại đoàn kết"),
    "party-government-building": ("Đảng viên giúp đảng viên", "Chi bộ gắn với dân", "Lắng nghe dân nói",
                                  "Cán bộ nói dân nghe"),
    "ideological-defense": ("Tổ tuyên truyền trên không gian mạng", "Mỗi đảng viên một trang tin",
                            "Nhóm Zalo khu phố", "Tiếng loa ấp"),
}

# Sentence grammar: [opener] subject verb object[, tail].
OPENERS = ("Thời gian qua,", "Những năm gần đây,", "Bên cạnh đó,", "Qua đó,", "Nhờ vậy,",
           "Trong quá trình triển khai,", "Ngay từ đầu,", "Hằng năm,", "Đặc biệt,",
           "Để mô hình đi vào chiều sâu,", "Từ khi mô hình ra đời,", "Thực hiện chủ trương của cấp ủy,",
           "Với phương châm “dân biết, dân bàn, dân làm, dân kiểm tra”,", "Không dừng lại ở đó,")
SUBJECTS = ("cấp ủy, chính quyền địa phương", "Ban Dân vận", "Ủy ban Mặt trận Tổ quốc xã",
            "các đoàn thể chính trị - xã hội", "cán bộ, đảng viên", "chi bộ thôn",
            "Ban công tác Mặt trận khu dân cư", "Hội Nông dân", "Hội Liên hiệp Phụ nữ",
            "Đoàn Thanh niên", "Hội Cựu chiến binh", "tổ dân vận", "người có uy tín trong cộng đồng",
            "đội ngũ cán bộ cơ sở", "các hội viên nòng cốt")
VERBS = ("đã tích cực vận động", "thường xuyên tuyên truyền, vận động", "kiên trì thuyết phục",
         "chủ động phối hợp vận động", "đã khéo léo vận động", "trực tiếp hướng dẫn",
         "đi từng ngõ, gõ từng nhà vận động", "tổ chức đối thoại để vận động", "nêu gương, vận động")
FIELD_OBJECTS = {
    "economy": ("Nhân dân hiến đất, góp công làm đường giao thông nông thôn",
                "các hộ chuyển đổi cơ cấu cây trồng, vật nuôi phù hợp",
                "bà con liên kết sản xuất theo chuỗi giá trị",
                "hộ nghèo mạnh dạn vay vốn ưu đãi để phát triển chăn nuôi",
                "người dân áp dụng khoa học kỹ thuật vào sản xuất",
                "Nhân dân chung sức xây dựng nông thôn mới nâng cao",
                "các hộ gia đình tham gia hợp tác xã kiểu mới",
                "bà con phát triển sản phẩm OCOP của địa phương",
                "Nhân dân đóng góp kinh phí xây dựng nhà văn hóa thôn",
                "các hộ khá giúp đỡ hộ nghèo cây giống, con giống"),
    "culture-society": ("Nhân dân thực hiện nếp sống văn minh trong việc cưới, việc tang",
                        "các gia đình quan tâm chăm lo việc học tập của con em",
                        "bà con phân loại rác thải tại nguồn",
                        "người dân tham gia bảo hiểm y tế",
                        "các nhà hảo tâm ủng hộ quỹ khuyến học",
                        "Nhân dân trồng cây xanh, làm đường hoa",
                        "các hộ giúp đỡ người già neo đơn, trẻ em có hoàn cảnh khó khăn",
                        "các dòng họ xây dựng dòng họ hiếu học",
                        "bà con xóa bỏ hủ tục lạc hậu"),
    "defense-security": ("Nhân dân tham gia tự quản về an ninh trật tự ở khu dân cư",
                         "các hộ gia đình cam kết không để con em vi phạm pháp luật",
                         "bà con tố giác tội phạm, tệ nạn xã hội",
                         "người dân tham gia tự quản đường biên, cột mốc",
                         "Nhân dân lắp đặt camera an ninh tại các tuyến đường",
                         "thanh thiếu niên chấp hành nghiêm luật giao thông",
                         "các hộ giao nộp vũ khí, vật liệu nổ",
                         "người dân hòa giải mâu thuẫn ngay tại cơ sở"),
    "party-building": ("cán bộ, công chức nâng cao tinh thần trách nhiệm phục vụ Nhân dân",
                       "người dân sử dụng dịch vụ công trực tuyến",
                       "Nhân dân góp ý xây dựng Đảng, xây dựng chính quyền",
                       "đoàn viên, hội viên tích cực tham gia sinh hoạt",
                       "quần chúng ưu tú phấn đấu đứng vào hàng ngũ của Đảng",
                       "cán bộ, đảng viên nêu gương ở khu dân cư",
                       "người dân tỉnh táo trước thông tin sai trái trên không gian mạng"),
}
# Objects for a field missing above (one added to data/fields.yaml later).
GENERIC_OBJECTS = ("Nhân dân tích cực hưởng ứng các phong trào thi đua của địa phương",
                   "người dân chung tay thực hiện nhiệm vụ chính trị ở cơ sở")
TAILS = ("góp phần nâng cao đời sống vật chất và tinh thần của Nhân dân",
         "tạo sự đồng thuận cao trong cộng đồng dân cư", "được Nhân dân đồng tình, hưởng ứng",
         "củng cố niềm tin của Nhân dân đối với Đảng và chính quyền",
         "góp phần hoàn thành các chỉ tiêu kinh tế - xã hội của địa phương",
         "làm thay đổi rõ nét diện mạo của thôn, xóm",
         "tăng cường mối quan hệ mật thiết giữa Đảng với Nhân dân",
         "qua đó phát huy vai trò chủ thể của Nhân dân", "mang lại hiệu quả thiết thực",
         "trở thành nếp nghĩ, nếp làm của người dân")

# Figures for ``results``: (label, unit, low, high), per field.
FIELD_RESULTS = {
    "economy": (("Hộ thoát nghèo", "hộ", 5, 200), ("Đường giao thông được bê tông hóa", "km", 1, 40),
                ("Diện tích đất Nhân dân hiến", "m²", 200, 20000),
                ("Kinh phí Nhân dân đóng góp", "triệu đồng", 50, 5000),
                ("Ngày công lao động", "ngày công", 100, 5000),
                ("Hộ tham gia liên kết sản xuất", "hộ", 10, 300)),
    "culture-society": (("Suất học bổng được trao", "suất", 10, 500), ("Trẻ em được hỗ trợ", "em", 5, 300),
                        ("Người tham gia bảo hiểm y tế", "người", 50, 5000),
                        ("Cây xanh được trồng", "cây", 100, 10000),
                        ("Lượt người được khám bệnh miễn phí", "lượt", 50, 3000),
                        ("Gia đình đạt danh hiệu văn hóa", "gia đình", 20, 1000)),
    "defense-security": (("Camera an ninh được lắp đặt", "camera", 5, 300),
                         ("Vụ mâu thuẫn được hòa giải thành", "vụ", 3, 100),
                         ("Tin báo tố giác tội phạm", "tin", 5, 200),
                         ("Đường biên được tự quản", "km", 1, 50),
                         ("Người lầm lỗi được giúp đỡ", "người", 2, 60)),
    "party-building": (("Hồ sơ giải quyết đúng hạn", "hồ sơ", 100, 20000),
                       ("Tỷ lệ hồ sơ trực tuyến", "%", 30, 100),
                       ("Hội viên mới được kết nạp", "hội viên", 10, 500),
                       ("Ý kiến góp ý của Nhân dân", "ý kiến", 20, 1000),
                       ("Đảng viên mới được kết nạp", "đảng viên", 2, 50)),
}
GENERIC_RESULTS = (("Hộ dân tham gia", "hộ", 20, 1000), ("Buổi tuyên truyền", "buổi", 5, 200))

# Share of models per field id; a field missing here weighs 15.
FIELD_WEIGHTS = {"economy": 35, "culture-society": 30, "defense-security": 20, "party-building": 15}

STATUSES = ("registered", "recognized", "replicated")
STATUS_WEIGHTS = (25, 85, 100)            # cumulative: 25 / 60 / 15 %
LEVELS = ("grassroots", "district", "province", "national")
LEVEL_WEIGHTS = (45, 75, 95, 100)         # cumulative: 45 / 30 / 20 / 5 %

POST_CATEGORIES = ("Phong trào thi đua", "Hoạt động Ban Dân vận", "Gương điển hình", "Chỉ đạo, điều hành")
POST_TAGS = ("Dân vận khéo", "Nông thôn mới", "Giảm nghèo", "An ninh trật tự", "Cải cách hành chính",
             "Khuyến học", "Chuyển đổi số", "Bảo vệ môi trường")
# {p}: the province in prose, {y}: the post's year.
POST_TITLES = ("Lan tỏa phong trào thi đua “Dân vận khéo” ở {p}",
               "{p}: Hiệu quả từ các mô hình “Dân vận khéo”",
               "Dân vận khéo góp phần xây dựng nông thôn mới ở {p}",
               "Biểu dương điển hình “Dân vận khéo” năm {y}",
               "Khi cán bộ biết lắng nghe dân",
               "Nhân rộng mô hình hay, cách làm hiệu quả trong công tác dân vận",
               "{p} sơ kết phong trào thi đua “Dân vận khéo”",
               "Phát huy vai trò người có uy tín trong cộng đồng",
               "Kiểm tra việc thực hiện dân chủ ở cơ sở tại {p}",
               "Đi từng ngõ, gõ từng nhà vận động Nhân dân",
               "Dân vận chính quyền: gần dân, hiểu dân, vì dân",
               "Những “cánh tay nối dài” của công tác dân vận ở {p}")

# Official documents. Party issuers: (issuer, parent, number suffix, on_behalf,
# roles); {u} is "tỉnh"/"thành phố", {U} its capitalised "Tỉnh"/"Thành",
# {p} the province, {d} a district.
PARTY_ISSUERS = (
    ("{U} ủy {p}", "Đảng bộ {u} {p}", "TU", "T/M Ban Thường vụ", ("Bí thư", "Phó Bí thư Thường trực")),
    ("Huyện ủy {d}", "Đảng bộ {u} {p}", "HU", "T/M Ban Thường vụ", ("Bí thư", "Phó Bí thư")),
    ("Ban Dân vận {U} ủy {p}", "{U} ủy {p}", "BDVTU", "K/T Trưởng ban", ("Phó Trưởng ban",)),
    ("Ban Dân vận Huyện ủy {d}", "Huyện ủy {d}", "BDVHU", "T/M Ban Dân vận", ("Trưởng ban",)),
)
STATE_ISSUERS = (
    ("Ủy ban nhân dân {u} {p}", "Chính phủ", "UBND", "T/M Ủy ban nhân dân", ("Chủ tịch",)),
    ("Ủy ban nhân dân huyện {d}", "Ủy ban nhân dân {u} {p}", "UBND", "K/T Chủ tịch", ("Phó Chủ tịch",)),
    ("Sở Nội vụ {u} {p}", "Ủy ban nhân dân {u} {p}", "SNV", "K/T Giám đốc", ("Phó Giám đốc",)),
)
# doc_type: (party number code, state number code, subjects); {y} is the year.
DOC_TYPES = {
    "Công văn": ("CV", "VP", ("V/v đẩy mạnh phong trào thi đua “Dân vận khéo” năm {y}",
                              "V/v đăng ký mô hình “Dân vận khéo” năm {y}",
                              "V/v báo cáo kết quả phong trào thi đua “Dân vận khéo” năm {y}",
                              "V/v giới thiệu điển hình “Dân vận khéo” tiêu biểu")),
    "Kế hoạch": ("KH", "KH", ("Tổ chức hội nghị biểu dương điển hình “Dân vận khéo” năm {y}",
                              "Thực hiện phong trào thi đua “Dân vận khéo” năm {y}",
                              "Kiểm tra, khảo sát các mô hình “Dân vận khéo” năm {y}")),
    "Chỉ thị": ("CT", "CT", ("Về tăng cường công tác dân vận trong tình hình mới",
                             "Về đẩy mạnh công tác dân vận chính quyền",
                             "Về nâng cao chất lượng phong trào thi đua “Dân vận khéo”")),
    "Hướng dẫn": ("HD", "HD", ("Tiêu chí công nhận mô hình, điển hình “Dân vận khéo”",
                               "Quy trình đăng ký, đánh giá mô hình “Dân vận khéo”",
                               "Tổ chức sơ kết phong trào thi đua “Dân vận khéo” năm {y}")),
}
PARTY_RECIPIENTS = ("Các huyện ủy, thị ủy, thành ủy", "Các đảng ủy trực thuộc", "Ban Dân vận các huyện ủy",
                    "Ủy ban Mặt trận Tổ quốc và các đoàn thể", "Các chi bộ trực thuộc",
                    "Đảng ủy các xã, thị trấn")
STATE_RECIPIENTS = ("Các sở, ban, ngành", "Ủy ban nhân dân các huyện, thị xã, thành phố",
                    "Ủy ban nhân dân các xã, phường, thị trấn", "Các phòng, ban chuyên môn",
                    "Bộ phận tiếp nhận và trả kết quả")
CC = ("Ban Dân vận Trung ương (để b/c)", "Thường trực Tỉnh ủy (để b/c)", "Ban Dân vận Tỉnh ủy",
      "Như trên", "Lưu Văn phòng", "Lưu VT")
DIRECTIVE_SUBJECTS = ("Các cấp ủy, tổ chức đảng", "Ban Dân vận các huyện ủy, thị ủy, thành ủy",
                      "Ủy ban Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội",
                      "Các cơ quan, đơn vị", "Ủy ban nhân dân các xã, phường, thị trấn",
                      "Các cơ quan báo chí, đài phát thanh")
DIRECTIVE_VERBS = ("tiếp tục quán triệt, triển khai thực hiện", "chỉ đạo đẩy mạnh",
                   "chủ động xây dựng kế hoạch thực hiện", "định kỳ kiểm tra, đánh giá",
                   "tăng cường tuyên truyền về", "quan tâm lãnh đạo, chỉ đạo")
DIRECTIVE_OBJECTS = ("phong trào thi đua “Dân vận khéo” gắn với nhiệm vụ chính trị của địa phương",
                     "việc đăng ký, xây dựng mô hình “Dân vận khéo”", "công tác dân vận chính quyền",
                     "việc biểu dương, khen thưởng các điển hình “Dân vận khéo”",
                     "việc nhân rộng các mô hình hiệu quả", "việc thực hiện dân chủ ở cơ sở")
DIRECTIVE_TAILS = ("bảo đảm thiết thực, hiệu quả, tránh hình thức",
                   "gắn với việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
                   "phù hợp với điều kiện thực tế của từng địa phương, đơn vị",
                   "kịp thời phát hiện, giới thiệu các điển hình tiêu biểu")

POOL_SIZE = 2000        # pooled sentences per field
FIRST_DAY = dt.date(2015, 1, 1).toordinal()
LAST_POST_DAY = dt.date(2025, 12, 31).toordinal()
LAST_DOC_DAY = dt.date(2025, 6, 30).toordinal()   # documents name pre-merger provinces

# --------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------

_D_STROKE = str.maketrans({"đ": "d", "Đ": "D"})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def nfc(text: str) -> str:
    """``text`` in Unicode normal form C (composed), as the site stores text."""
    return unicodedata.normalize("NFC", text)


def strip_marks(text: str) -> str:
    """``text`` without diacritics, case kept: ``"Đắk Nông"`` → ``"Dak Nong"``."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_STROKE))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.lru_cache(maxsize=None)
def slug(text: str, words: int = 6) -> str:
    """An ASCII slug of at most ``words`` words: ``"Đắk Nông"`` → ``"dak-nong"``."""
    parts = _NON_ALNUM.sub(" ", strip_marks(text).lower()).split()
    return "-".join(parts[:words])


def q(text: str) -> str:
    """``text`` as a double-quoted YAML scalar (safe for ':', '#', leading '-' ...)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def flow_list(items) -> str:
    return "[" + ", ".join(items) + "]"


# --------------------------------------------------------------------------
# The generator
# --------------------------------------------------------------------------

class _Generator:
    """Draws every piece of the corpus from one seeded ``random.Random``."""

    def __init__(self, seed: int, fields: list[dict]):
        self.rng = random.Random(seed)
        self.fields = fields
        self.field_cum = []
        total = 0
        for field in fields:
            total += FIELD_WEIGHTS.get(field["id"], 15)
            self.field_cum.append(total)
        # Per topic id: (name without its serial number, core for the id).
        # Names have 4 to 9 words before the serial number.
        self.topic_names = {}
        for field in fields:
            for topic in field["topics"]:
                names = [(f"{head} {act}", act) for act in TOPIC_ACTIVITIES.get(topic["id"], GENERIC_ACTIVITIES)
                         for head in NAME_HEADS if len(head.split()) + len(act.split()) <= 9]
                names += [(f"Mô hình “{title}”", title) for title in TOPIC_TITLES.get(topic["id"], GENERIC_TITLES)]
                self.topic_names[topic["id"]] = names
        # Per field: pooled sentences for paragraphs, and those fit for a lead.
        self.pools = {field["id"]: self._sentence_pool(FIELD_OBJECTS.get(field["id"], GENERIC_OBJECTS))
                      for field in fields}
        self.leads = {fid: [text for text, n in pool if 15 <= n <= 30] for fid, pool in self.pools.items()}

    # -- small draws -------------------------------------------------------

    def person(self) -> tuple[str, bool]:
        """A Vietnamese full name, and whether the person is a woman."""
        r = self.rng
        female = r.random() < 0.5
        middle = r.choice(MIDDLE_FEMALE if female else MIDDLE_MALE)
        given = r.choice(GIVEN_FEMALE if female else GIVEN_MALE)
        return f"{r.choice(FAMILY_NAMES)} {middle} {given}", female

    def province(self) -> tuple[str, str]:
        """A province as written in a record, and its base name.

        About 57 % pre-2025 names, 38 % today's names, 5 % without diacritics;
        one in seven of the names with diacritics gets a "Tỉnh "/"TP. " prefix.
        """
        r = self.rng
        base = r.choice(OLD_PROVINCES if r.random() < 0.6 else CURRENT_PROVINCES)
        x = r.random()
        if x < 0.05:
            return strip_marks(base), base
        if x < 0.19:
            return ("TP. " if base in CITIES else "Tỉnh ") + base, base
        return base, base

    @staticmethod
    def unit_word(base: str) -> str:
        return "thành phố" if base in CITIES else "tỉnh"

    def date_time(self) -> str:
        r = self.rng
        day = dt.date.fromordinal(r.randint(FIRST_DAY, LAST_POST_DAY))
        return f"{day.isoformat()} {r.randint(7, 21):02d}:{r.randint(0, 59):02d}"

    # -- sentences and paragraphs -----------------------------------------

    def sentence(self, objects) -> str:
        r = self.rng
        parts = [r.choice(SUBJECTS), r.choice(VERBS), r.choice(objects)]
        if r.random() < 0.4:
            parts.insert(0, r.choice(OPENERS))
        text = " ".join(parts)
        if r.random() < 0.7:
            text += ", " + r.choice(TAILS)
        return capitalise(text) + "."

    def _sentence_pool(self, objects) -> list[tuple[str, int]]:
        """``POOL_SIZE`` sentences of at most 40 words, with their word counts."""
        pool = []
        while len(pool) < POOL_SIZE:
            text = self.sentence(objects)
            n = len(text.split())
            if n <= 40:
                pool.append((text, n))
        return pool

    def paragraph(self, pool, first: str | None = None) -> str:
        """``first`` then sentences from ``pool``: 40 to 90 words in all.

        Pooled sentences have at most 40 words, so adding one while under 40
        never passes 90; ``first`` must be shorter than 90 words.
        """
        r = self.rng
        target = r.randint(40, 90)
        parts = [first] if first else []
        count = len(first.split()) if first else 0
        while count < target:
            text, n = r.choice(pool)
            if count + n > 90:
                break
            parts.append(text)
            count += n
        return " ".join(parts)

    # -- records -----------------------------------------------------------

    def model(self, number: int) -> tuple[str, str, dict]:
        """One model record: its id, its YAML text and what posts and reports need."""
        r = self.rng
        field = self.fields[r.choices(range(len(self.fields)), cum_weights=self.field_cum)[0]]
        topics = r.sample(field["topics"], min(len(field["topics"]), r.choice((1, 1, 2))))
        topic_ids = [t["id"] for t in topics]
        stem, core = r.choice(self.topic_names[topic_ids[0]])
        name = f"{stem} {number}"
        # How posts refer to the model in prose.
        label = "m" + name[1:] if name.startswith("Mô hình") else f"mô hình “{name}”"
        model_id = f"m{number:06d}-{slug(core, 5)}"

        written, base = self.province()
        commune_kind, commune, district = r.choice(COMMUNE_KINDS), r.choice(COMMUNES), r.choice(DISTRICTS)
        individual = r.random() < 0.3
        at_district = False
        if individual:
            owner, female = self.person()
            subject = ("Bà " if female else "Ông ") + owner
        else:
            at_district = r.random() < 0.2
            template = r.choice(DISTRICT_OWNERS if at_district else COMMUNE_OWNERS)
            owner = subject = template.format(a=commune_kind, c=commune, d=district)
        if at_district:
            locality = f"huyện {district}"
        elif r.random() < 0.5:
            locality = f"{commune_kind} {commune}, huyện {district}"
        else:
            locality = f"{commune_kind} {commune}"

        registered = r.randint(2010, 2025) if r.random() < 0.9 else None
        status = STATUSES[r.choices(range(3), cum_weights=STATUS_WEIGHTS)[0]]
        recognized_year = recognized = None
        if status != "registered":
            recognized_year = r.randint(registered or 2010, 2025)
            level = LEVELS[r.choices(range(4), cum_weights=LEVEL_WEIGHTS)[0]]
            recognized = f"recognized: {{year: {recognized_year}, level: {level}}}"

        objects = FIELD_OBJECTS.get(field["id"], GENERIC_OBJECTS)
        while True:   # one sentence of 15 to 30 words; the tail only when it fits
            summary = f"{subject} {r.choice(VERBS)} {r.choice(objects)}"
            tail = r.choice(TAILS)
            n = len(summary.split())
            if n + len(tail.split()) <= 30:
                summary += ", " + tail
                n += len(tail.split())
            if 15 <= n <= 30:
                break
        summary += "."

        has_locality = r.random() < 0.8
        place = locality if has_locality else f"{self.unit_word(base)} {base}"
        since = f" từ năm {registered}" if registered else ""
        if individual:
            intro = (f"{subject} là {r.choice(INDIVIDUAL_ROLES)} ở {place}, "
                     f"gắn bó với công tác vận động quần chúng{since}.")
        else:
            intro = f"{owner} triển khai mô hình tại {place}{since}, với sự tham gia của đông đảo Nhân dân."
        pool = self.pools[field["id"]]
        paragraphs = [self.paragraph(pool, intro)]
        paragraphs += [self.paragraph(pool) for _ in range(r.randint(1, 3))]

        lines = [
            f"name: {q(name)}",
            f"kind: {'individual' if individual else 'collective'}",
            f"owner: {q(owner)}",
            f"field: {field['id']}",
            f"topics: {flow_list(topic_ids)}",
            f"province: {q(written)}",
        ]
        if has_locality:
            lines.append(f"locality: {q(locality)}")
        if registered:
            lines.append(f"registered: {registered}")
        if recognized:
            lines.append(recognized)
        lines.append(f"status: {status}")
        lines.append(f"summary: {q(summary)}")
        lines.append("description: |")
        lines.append("\n\n".join("  " + p for p in paragraphs))
        if r.random() < 0.5:
            lines.append("results:")
            for metric, unit, low, high in r.sample(FIELD_RESULTS.get(field["id"], GENERIC_RESULTS),
                                                    r.randint(1, 3)):
                lines.append(f"  - {{label: {q(metric)}, value: {r.randint(low, high)}, unit: {q(unit)}}}")
        if r.random() < 0.005:
            lines.append("featured: true")
        lines.append("illustrative: true\n")

        # "owner" is for use mid-sentence: "bà Lê Thị Hạnh", "Hội Nông dân xã Tân Lập".
        facts = {"id": model_id, "label": label, "owner": subject[:1].lower() + subject[1:] if individual else owner,
                 "written": written, "base": base, "field": field["id"], "kind": "individual" if individual else "collective",
                 "registered": registered, "recognized": recognized_year}
        return model_id, "\n".join(lines), facts

    def post(self, number: int, models: list[dict], by_base: dict[str, list[dict]]) -> tuple[str, str]:
        """One news post: its slug and its Markdown text with front matter."""
        r = self.rng
        linked = []
        if models and r.random() < 0.6:
            first = r.choice(models)
            same = by_base[first["base"]]
            linked = [first] + [r.choice(same) for _ in range(r.randint(0, 2))]
            linked = list({m["id"]: m for m in linked}.values())   # drop repeats, keep order
            written, base = first["written"], first["base"]
            field_id = first["field"]
        else:
            written, base = self.province()
            field_id = self.fields[r.choices(range(len(self.fields)), cum_weights=self.field_cum)[0]]["id"]

        when = self.date_time()
        title = r.choice(POST_TITLES).format(p=base, y=when[:4])
        post_slug = f"p{number:06d}-{slug(title)}"
        tags = [written] + r.sample(POST_TAGS, r.randint(1, 2))
        author, _ = self.person()
        pool = self.pools[field_id]
        lead = r.choice(self.leads[field_id])
        first = None
        if linked:
            first = (f"{capitalise(linked[0]['label'])} của {linked[0]['owner']} là một trong những "
                     f"điển hình được {self.unit_word(base)} {base} biểu dương.")
        body = [self.paragraph(pool, first)] + [self.paragraph(pool) for _ in range(r.randint(3, 8))]

        lines = [
            "---",
            f"title: {q(f'{title} {number}')}",
            f"date: {when}",
            f"category: {q(r.choice(POST_CATEGORIES))}",
            f"tags: {flow_list(q(t) for t in tags)}",
            f"author: {q(author)}",
            f"summary: {q(lead)}",
            f"province: {q(written)}",
        ]
        if linked:
            lines.append(f"models: {flow_list(m['id'] for m in linked)}")
        lines += ["illustrative: true", f"slug: {post_slug}", "---", "", "\n\n".join(body), ""]
        return post_slug, "\n".join(lines)

    def document(self, number: int) -> tuple[str, str]:
        """One official document: its slug and its Markdown text with front matter."""
        r = self.rng
        base = r.choice(OLD_PROVINCES)
        district = r.choice(DISTRICTS)
        day = dt.date.fromordinal(r.randint(FIRST_DAY, LAST_DOC_DAY))
        doc_type = r.choice(tuple(DOC_TYPES))
        party_code, state_code, subjects = DOC_TYPES[doc_type]
        party = r.random() < 0.6
        issuer, parent, issuer_code, on_behalf, roles = r.choice(PARTY_ISSUERS if party else STATE_ISSUERS)
        # A district-level issuer dates its documents from the district.
        place = district if "{d}" in issuer else base
        fill = {"u": self.unit_word(base), "U": "Thành" if base in CITIES else "Tỉnh", "p": base, "d": district}
        issuer, parent = issuer.format(**fill), parent.format(**fill)
        n = r.randint(1, 450)
        if party:
            doc_number = f"{n}-{party_code}/{issuer_code}"
        elif state_code == "VP":          # a state Công văn is numbered "<n>/UBND-VP"
            doc_number = f"{n}/{issuer_code}-{state_code}"
        else:
            doc_number = f"{n}/{state_code}-{issuer_code}"
        subject = r.choice(subjects).format(y=day.year)
        recipients = r.sample(PARTY_RECIPIENTS if party else STATE_RECIPIENTS, r.randint(2, 4))
        cc = r.sample(CC, r.randint(2, 3))
        signer, _ = self.person()
        doc_slug = f"d{number:05d}-{slug(doc_type + ' ' + subject.removeprefix('V/v '))}"

        items = []
        for i in range(1, r.randint(3, 6) + 1):
            sentences = []
            for _ in range(r.randint(1, 3)):
                text = f"{r.choice(DIRECTIVE_SUBJECTS)} {r.choice(DIRECTIVE_VERBS)} {r.choice(DIRECTIVE_OBJECTS)}"
                sentences.append(f"{text}, {r.choice(DIRECTIVE_TAILS)}." if r.random() < 0.6 else text + ".")
            items.append(f"{i}. " + " ".join(sentences))

        lines = [
            "---",
            f"number: {q(doc_number)}",
            f"doc_type: {doc_type}",
            f"issuer: {q(issuer)}",
            f"parent: {q(parent)}",
            f"place: {q(place)}",
            f"date: {day.isoformat()}",
            f"subject: {q(subject)}",
            f"recipients: {flow_list(q(x) for x in recipients)}",
            f"cc: {flow_list(q(x) for x in cc)}",
            f"signer: {q(signer)}",
            f"signer_role: {q(r.choice(roles))}",
            f"on_behalf: {q(on_behalf)}",
            f"system: {'party' if party else 'state'}",
            f"province: {q(base)}",
            "illustrative: true",
            f"slug: {doc_slug}",
            "---",
            "",
            "\n\n".join(items),
            "",
        ]
        return doc_slug, "\n".join(lines)

    def report(self, base: str, models: list[dict]) -> tuple[str, str]:
        """A province's published totals for a period: its slug and YAML text.

        Totals are the corpus counts for the period plus a random surplus, as a
        province's own figures also cover models not entered on the site.
        """
        r = self.rng
        start, end = r.choice((2010, 2015, 2016)), r.choice((2020, 2022, 2023, 2024))
        recognized = [m for m in models if m["recognized"] and start <= m["recognized"] <= end]
        registered = sum(1 for m in models if m["registered"] and start <= m["registered"] <= end)
        collective = sum(1 for m in recognized if m["kind"] == "collective")
        surplus = r.randint(0, len(recognized) // 2 + 5)
        total_recognized = len(recognized) + surplus
        extra_collective = round(surplus * 0.7)
        total_registered = max(registered + r.randint(0, registered // 2 + 5), total_recognized)
        unit = self.unit_word(base)
        source_date = dt.date(end + 1, r.randint(1, 3), r.randint(1, 28))
        report_slug = f"bao-cao-{slug(base)}-{start}-{end}"
        text = "\n".join([
            f"title: {q(f'Kết quả phong trào thi đua “Dân vận khéo” {unit} {base} giai đoạn {start} - {end}')}",
            f"scope: {{province: {q(base)}}}",
            f"period: {{from: {start}, to: {end}}}",
            f"totals: {{recognized: {total_recognized}, registered: {total_registered}}}",
            f"by_kind: {{collective: {collective + extra_collective}, "
            f"individual: {total_recognized - collective - extra_collective}}}",
            f"source: {{title: {q(f'Báo cáo tổng kết phong trào thi đua “Dân vận khéo” {unit} {base}')}, "
            f"date: {source_date.isoformat()}}}",
            "",
        ])
        return report_slug, text


# --------------------------------------------------------------------------
# Writing the corpus
# --------------------------------------------------------------------------

def _write(path: str, text: str) -> None:
    with open(path, "wb") as fh:
        fh.write(nfc(text).encode("utf-8"))


def _has_files(directory: Path) -> bool:
    for _, _, files in os.walk(directory):
        if files:
            return True
    return False


def write_corpus(out_dir, models: int, posts: int, docs: int, seed: int = 42) -> dict:
    """Write a synthetic corpus under ``out_dir`` and return its counts.

    Writes ``data/models/<province-slug>/<id>.yaml``, ``data/reports/*.yaml``,
    ``content/tin-tuc/*.md`` and ``content/van-ban/*.md``, and copies the
    repository's ``data/fields.yaml``. The province folder is the slug of the
    province name as the record writes it, without its "Tỉnh "/"TP. " prefix.
    There is one report per ten distinct provinces used (at most 34), for the
    provinces with most models.

    Raises ``ValueError`` for negative counts, or when ``out_dir/data/models``
    already holds files (an empty folder is fine).
    Returns ``{'models': n, 'posts': m, 'docs': k, 'reports': r}``.
    """
    if min(models, posts, docs) < 0:
        raise ValueError("counts must not be negative")
    out = Path(out_dir)
    models_dir = out / "data" / "models"
    if models_dir.is_dir() and _has_files(models_dir):
        raise ValueError(f"{models_dir} already holds files; use an empty or new folder")
    with open(FIELDS_FILE, encoding="utf-8") as fh:
        fields = yaml.safe_load(fh)["fields"]
    for sub in ("data/models", "data/reports", "content/tin-tuc", "content/van-ban"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    shutil.copyfile(FIELDS_FILE, out / "data" / "fields.yaml")

    gen = _Generator(seed, fields)

    facts: list[dict] = []
    by_base: dict[str, list[dict]] = {}
    folders: set[str] = set()
    for number in range(1, models + 1):
        model_id, text, fact = gen.model(number)
        folder = os.path.join(models_dir, slug(fact["base"], 12))
        if folder not in folders:
            os.makedirs(folder, exist_ok=True)
            folders.add(folder)
        _write(os.path.join(folder, model_id + ".yaml"), text)
        facts.append(fact)
        by_base.setdefault(fact["base"], []).append(fact)

    posts_dir = out / "content" / "tin-tuc"
    for number in range(1, posts + 1):
        post_slug, text = gen.post(number, facts, by_base)
        _write(os.path.join(posts_dir, post_slug + ".md"), text)

    docs_dir = out / "content" / "van-ban"
    for number in range(1, docs + 1):
        doc_slug, text = gen.document(number)
        _write(os.path.join(docs_dir, doc_slug + ".md"), text)

    reports = min(34, -(-len(by_base) // 10))
    ranked = sorted(by_base, key=lambda b: (-len(by_base[b]), strip_marks(b).lower(), b))[:reports]
    reports_dir = out / "data" / "reports"
    for base in ranked:
        report_slug, text = gen.report(base, by_base[base])
        _write(os.path.join(reports_dir, report_slug + ".yaml"), text)

    return {"models": models, "posts": posts, "docs": docs, "reports": reports}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Write a deterministic synthetic Dân vận khéo corpus.")
    parser.add_argument("--models", type=int, default=100_000, help="model records (default 100000)")
    parser.add_argument("--posts", type=int, default=1_000, help="news posts (default 1000)")
    parser.add_argument("--docs", type=int, default=100, help="official documents (default 100)")
    parser.add_argument("--out", required=True, help="output folder (its data/models must be empty)")
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        counts = write_corpus(args.out, args.models, args.posts, args.docs, args.seed)
    except ValueError as exc:
        parser.error(str(exc))
    elapsed = time.perf_counter() - started
    print(", ".join(f"{k}: {v}" for k, v in counts.items()) + f" ({elapsed:.2f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
