"""The domain records: what a district loads and the analysis reads.

Records are small frozen dataclasses holding plain values (ids as strings,
lists as tuples, dates as :class:`datetime.date`), so that both stores and the
loaders can build them the same way and compare them for "unchanged".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from .errors import BadDecision
from .limits import LISTING_WHAT_MAX, NOTE_MAX


class Labelled(str, Enum):
    """An enumeration whose members carry a Chinese label beside the code."""

    def __new__(cls, code: str, zh: str) -> Labelled:
        member = str.__new__(cls, code)
        member._value_ = code
        member.zh = zh  # type: ignore[attr-defined]
        return member

    @classmethod
    def parse(cls, text: str) -> Labelled | None:
        """Return the member named by its code or Chinese label, else None.

        >>> UnitKind.parse("社区") is UnitKind.COMMUNITY
        True
        """
        text = text.strip()
        for member in cls:
            if text in (member.value, member.zh) or text.lower() == member.value:
                return member
        return None

    @classmethod
    def choices(cls) -> str:
        """The allowed values as "code 中文" pairs, for messages and the template."""
        return ", ".join(f"{m.value} {m.zh}" for m in cls)


class ZoneKind(Labelled):
    STREET = ("street", "街道")
    COLLABORATION_ZONE = ("collaboration_zone", "协作区")
    ALLIANCE = ("alliance", "联盟")


class UnitKind(Labelled):
    GOVERNMENT = ("government", "机关")
    ENTERPRISE = ("enterprise", "企业")
    INSTITUTION = ("institution", "事业单位")
    COMMUNITY = ("community", "社区")
    SOCIAL_ORG = ("social_org", "社会组织")
    SCHOOL = ("school", "学校")
    HOSPITAL = ("hospital", "医院")
    MILITARY = ("military", "部队")
    OTHER = ("other", "其他")


#: Unit and zone kinds as English pages say them (the codes are not words for people).
KIND_EN = {
    "government": "government organ",
    "enterprise": "enterprise",
    "institution": "public institution",
    "community": "community",
    "social_org": "social organisation",
    "school": "school",
    "hospital": "hospital",
    "military": "military unit",
    "other": "other",
    "street": "street",
    "collaboration_zone": "collaboration zone",
    "alliance": "alliance",
}


class OrgLevel(Labelled):
    COMMITTEE = ("committee", "党委")
    GENERAL_BRANCH = ("general_branch", "党总支")
    BRANCH = ("branch", "党支部")
    JOINT_BRANCH = ("joint_branch", "联合党支部")
    GROUP = ("group", "党小组")


class ActivityKind(Labelled):
    THEME_DAY = ("theme_day", "主题党日")
    PROJECT = ("project", "共建项目")
    VOLUNTEER = ("volunteer", "志愿服务")
    LECTURE = ("lecture", "党课")
    JOINT_MEETING = ("joint_meeting", "联席会议")
    OTHER = ("other", "其他")


class Role(Labelled):
    HOST = ("host", "主办")
    CO_HOST = ("co-host", "协办")
    GUEST = ("guest", "参与")


class AgreementStatus(Labelled):
    ACTIVE = ("active", "执行中")
    ENDED = ("ended", "已结束")
    SUSPENDED = ("suspended", "已中止")
    DRAFT = ("draft", "草拟")


#: The initiator value that means "pushed by the district office".
DISTRICT = "district"


@dataclass(frozen=True, slots=True)
class Zone:
    """A street (街道), a collaboration zone (协作区) or an alliance (联盟)."""

    id: str
    name: str
    kind: str


@dataclass(frozen=True, slots=True)
class Unit:
    """An organisation in the district: organ, enterprise, community, school …"""

    id: str
    name: str
    kind: str
    street: str | None = None
    community: str | None = None
    headcount: int | None = None
    lat: float | None = None
    lon: float | None = None
    zones: tuple[str, ...] = ()
    offers: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PartyOrg:
    """A party organisation; a joint branch spans several small units."""

    id: str
    name: str
    level: str
    units: tuple[str, ...] = ()
    parent: str | None = None


@dataclass(frozen=True, slots=True)
class Member:
    """A party member; phone and ID number are personal data."""

    id: str
    name: str
    party_org: str
    serving: bool = False
    registered_at: str | None = None
    roles: tuple[str, ...] = ()
    phone: str | None = None
    id_number: str | None = None


@dataclass(frozen=True, slots=True)
class Activity:
    """A joint activity; ``initiator`` is a unit id or :data:`DISTRICT`."""

    id: str
    title: str
    kind: str
    date: dt.date
    initiator: str | None = None
    agreement: str | None = None


@dataclass(frozen=True, slots=True)
class Participation:
    """Who took part in an activity: a unit, a party organisation or a member."""

    activity: str
    unit: str | None = None
    party_org: str | None = None
    member: str | None = None
    role: str = Role.GUEST.value

    @property
    def id(self) -> str:
        """A stable key: one taking part per activity and participant."""
        return "|".join((self.activity, self.unit or "", self.party_org or "", self.member or ""))


@dataclass(frozen=True, slots=True)
class Agreement:
    """A co-building agreement (共建协议) between units."""

    id: str
    title: str
    units: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    status: str = AgreementStatus.ACTIVE.value


class DecisionKind(Labelled):
    ACCEPT = ("accept", "采纳")
    DISMISS = ("dismiss", "不采纳")
    #: Withdraws the pair's standing decision (the one before it counts again).
    UNDO = ("undo", "撤销")


@dataclass(frozen=True, slots=True)
class Decision:
    """A planner's decision on a suggested partnership: ``unit`` should (not) partner ``partner``.

    A decision is about the pair, whichever side it was made from; the latest
    one for a pair counts. ``by`` is the user's name, ``at`` when it was made.
    An accepted one may name an ``owner`` who follows it up and a ``due`` date;
    an ``undo`` withdraws the pair's standing decision.
    Decisions are not part of a load (they are not in :data:`TABLES`).

    >>> d = Decision("U1", "U2", "accept", dt.datetime(2026, 7, 1, 9, 30), by="planner")
    >>> d.pair
    ('U1', 'U2')
    >>> Decision("U1", "U1", "accept", dt.datetime(2026, 7, 1))
    Traceback (most recent call last):
    graphmodel.errors.BadDecision: 单位不能与自身结对 / a unit cannot partner itself
    """

    unit: str
    partner: str
    decision: str
    at: dt.datetime
    by: str = ""
    note: str = ""
    owner: str = ""
    due: dt.date | None = None

    def __post_init__(self) -> None:
        if self.due is not None and (
            isinstance(self.due, dt.datetime) or not isinstance(self.due, dt.date)
        ):
            raise BadDecision("到期日须为日期，而不是 {due!r}", due=self.due)
        for name in ("unit", "partner", "decision", "by", "note", "owner"):
            if not isinstance(getattr(self, name), str):
                raise BadDecision("{name} 须为文本", name=name)
        if not self.unit or not self.partner:
            raise BadDecision("须指明单位和结对单位")
        if self.unit == self.partner:
            raise BadDecision("单位不能与自身结对")
        if self.decision not in {k.value for k in DecisionKind}:
            raise BadDecision(
                "决定须为 accept（采纳）、dismiss（不采纳）或 undo（撤销），而不是 {decision!r}",
                decision=self.decision,
            )
        if not isinstance(self.at, dt.datetime):
            raise BadDecision(
                "决定时间须为日期时间，而不是 {at!r}",
                at=self.at,
            )
        if len(self.note) > NOTE_MAX:
            raise BadDecision(
                "备注超过 {note_max} 个字符",
                note_max=NOTE_MAX,
            )

    @property
    def pair(self) -> tuple[str, str]:
        """The two units in id order: the key the latest decision is kept under."""
        return (self.unit, self.partner) if self.unit < self.partner else (self.partner, self.unit)


class ListingSide(Labelled):
    NEED = ("need", "需求")
    OFFER = ("offer", "资源")


class ListingStatus(Labelled):
    OPEN = ("open", "待认领")
    CLAIMED = ("claimed", "已认领")
    DONE = ("done", "已完成")


@dataclass(frozen=True, slots=True)
class Listing:
    """One entry of the 需求清单 (a need) or the 资源清单 (an offer) of a unit.

    ``what`` is the resource (医疗, 师资 …), ``detail`` the planner's words.
    Claiming (认领) an open need records who claimed it, when, and which unit
    will meet it (``partner``). Listings are not part of a load.

    >>> Listing("L1", "U1", "need", "医疗", posted=dt.date(2026, 7, 1)).status
    'open'
    >>> Listing("L1", "U1", "want", "医疗")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    graphmodel.errors.BadDecision: ... / a listing is a need or an offer, not 'want'
    """

    id: str
    unit: str
    side: str
    what: str
    detail: str = ""
    posted: dt.date | None = None
    status: str = ListingStatus.OPEN.value
    claimed_by: str = ""
    claimed_at: dt.datetime | None = None
    partner: str = ""

    def __post_init__(self) -> None:
        for name in ("id", "unit", "side", "what", "detail", "status", "claimed_by", "partner"):
            if not isinstance(getattr(self, name), str):
                raise BadDecision("{name} 须为文本", name=name)
        if not self.id or not self.unit or not self.what.strip():
            raise BadDecision("清单条目须写明单位和内容")
        if self.side not in {s.value for s in ListingSide}:
            raise BadDecision(
                "清单条目须为 need（需求）或 offer（资源），而不是 {side!r}",
                side=self.side,
            )
        if self.status not in {s.value for s in ListingStatus}:
            raise BadDecision(
                "清单状态须为 open、claimed 或 done，而不是 {status!r}",
                status=self.status,
            )
        if len(self.detail) > NOTE_MAX or len(self.what) > LISTING_WHAT_MAX:
            raise BadDecision("清单条目文字过长")

    def as_row(self) -> tuple:
        """The stored values in column order, dates as ISO text (both stores)."""
        return (
            self.id,
            self.unit,
            self.side,
            self.what,
            self.detail,
            self.posted.isoformat() if self.posted else None,
            self.status,
            self.claimed_by,
            self.claimed_at.isoformat() if self.claimed_at else None,
            self.partner,
        )

    @classmethod
    def from_row(cls, row) -> Listing:
        """The listing :meth:`as_row` stored."""
        id_, unit, side, what, detail, posted, status, claimed_by, claimed_at, partner = row
        return cls(
            id_,
            unit,
            side,
            what,
            detail or "",
            dt.date.fromisoformat(posted) if posted else None,
            status,
            claimed_by or "",
            dt.datetime.fromisoformat(claimed_at) if claimed_at else None,
            partner or "",
        )


Record = Zone | Unit | PartyOrg | Member | Activity | Participation | Agreement

#: Tables in the order a load writes them (referenced tables first).
TABLES: tuple[str, ...] = (
    "zones",
    "units",
    "party_orgs",
    "members",
    "agreements",
    "activities",
    "participations",
)

RECORD_TYPES: dict[str, type] = {
    "zones": Zone,
    "units": Unit,
    "party_orgs": PartyOrg,
    "members": Member,
    "agreements": Agreement,
    "activities": Activity,
    "participations": Participation,
}
