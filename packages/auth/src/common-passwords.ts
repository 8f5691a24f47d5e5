/**
 * Passwords that show up again and again in published breach statistics, written down from
 * general knowledge. Only entries of at least 8 characters are listed: anything shorter is refused
 * by the length rule already. `isCommonPassword` also derives the usual variants of a short list of
 * base words (a trailing number, year or "!") and refuses trivial runs ("aaaaaaaa", "12345678").
 * Comparison is case-insensitive.
 */
const listed = `
password password1 password12 password123 password1234 password12345 password! password1!
passw0rd p@ssw0rd p@ssword pa55word pa55w0rd passwort passwort1 motdepasse wachtwoord contraseña
12345678 123456789 1234567890 0123456789 12341234 123123123 12344321 11223344 12121212 87654321
987654321 9876543210 11111111 111111111 1111111111 00000000 000000000 22222222 33333333 44444444
55555555 66666666 77777777 88888888 99999999 12345678a a12345678 123456789a a123456789 1234567a
1q2w3e4r 1q2w3e4r5t 1q2w3e4r5t6y 1qaz2wsx 1qaz2wsx3edc zaq12wsx zaq1zaq1 zaq1xsw2 q1w2e3r4 q1w2e3r4t5
q1w2e3r4t5y6 qwertyui qwertyuiop qwerty12 qwerty123 qwerty1234 qwerty12345 qwerty123456 qwertz123
azerty123 azertyuiop asdfghjk asdfghjkl asdf1234 asdfasdf asdfqwer zxcvbnm1 zxcvbnm123 zxcvbnma
qweasdzxc qweasd123 123qweasd 123qweasdzxc qwer1234 1234qwer 1234abcd abcd1234 abc12345 abcde12345
abcdefgh abcdefg1 abcdefghi abcdefghij a1b2c3d4 a1b2c3d4e5 1a2b3c4d qazwsxedc qazxswedc poiuytrewq
147258369 159753456 741852963 963852741 123654789 147852369 159357456 789456123 456789123 258456852
iloveyou iloveyou1 iloveyou2 iloveyou! iloveu123 iloveyou12 iloveyou123 lovelove loveyou1 loveme12
sunshine sunshine1 princess princess1 football football1 baseball baseball1 basketball soccer123
superman superman1 batman123 spiderman spiderman1 starwars starwars1 trustno1 whatever whatever1
letmein1 letmein12 letmein123 letmein! welcome1 welcome12 welcome123 welcome! welcome2024 welcome2025
changeme changeme1 changeme123 default1 default123 secret123 secret12 mysecret topsecret
administrator admin123 admin1234 admin12345 adminadmin administrator1 root1234 rootroot
test1234 test12345 test123456 testtest testing1 testing123 guest123 guestguest demo1234 user1234
computer computer1 internet internet1 password2 password3 freedom1 monkey123 monkey12 dragon123
dragon12 master12 master123 masterkey shadow12 shadow123 mustang1 michael1 jennifer jessica1
jordan23 michelle charlie1 charlie123 ashley12 bailey12 babygirl babygirl1 lovely12 butterfly
butterfly1 chocolate chocolate1 pokemon1 pokemon123 naruto12 naruto123 minecraft minecraft1
fortnite fortnite1 liverpool liverpool1 chelsea1 arsenal1 manchester barcelona realmadrid juventus
football12 soccer12 hockey12 princess12 flower12 forever1 trustme1 blink182 metallica nirvana1
fuckyou1 fuckoff1 asshole1 iloveme1 hello123 hello1234 helloworld hellokitty hello12345 goodluck
sunflower rainbow1 rainbow12 purple12 orange12 yellow12 diamond1 silver12 golden12 starlight
midnight midnight1 november december december1 september october1 january1 february august12
thomas12 jonathan matthew1 anthony1 william1 richard1 robert12 daniel12 jessica12 amanda12
alexander victoria elizabeth samantha patricia christine stephanie christopher benjamin
nicholas1 jasmine1 caroline isabelle natasha1 veronica ferrari1 porsche1 mercedes mercedes1
corvette mustang12 yamaha123 harley12 chevrolet chevy123 toyota123 nissan123 hondacivic
playboy1 playstation playstation2 nintendo xbox3601 gameover gamer123 superstar superstar1
shithead sexy1234 hottie12 cutiepie sweetheart sweetie1 honeybee angel123 angels12 angelina
marlboro1 cocacola pepsi123 cheese123 cookie123 banana12 apple123 applepie strawberry pineapple
watermelon blueberry chicken1 pumpkin1 tigger12 snoopy12 scooby12 mickey12 mickeymouse garfield
doraemon pikachu1 charmander snickers bubbles1 buster12 ginger12 maggie12 molly123 sophie12
buddy123 rocky123 lucky123 tiger123 lion1234 panther1 eagles12 falcon12 phoenix1 dolphin1
whiskey1 jackdaniels heineken guinness budweiser corona12 tequila1 vodka123 martini1
jesus123 jesuschrist blessed1 godisgood faithful christ12 heaven12 angel1234 trinity1
london12 london123 newyork1 paris123 chicago1 boston12 texas123 california florida1 toronto1
germany1 deutschland france123 england1 scotland ireland1 australia canada123 mexico123
brazil123 argentina portugal1 espana123 italia123 polska123 russia123 ukraine1 sverige1
1234567890a qwerty1! password! passw0rd! p@ssw0rd1 p@ssw0rd! q1w2e3r4! 1qaz@wsx 1qaz!qaz
!qaz2wsx zaq!2wsx qwe123!@# !@#$%^&* !@#$%^&*() 1q2w3e4r! abc123!! abcd123! Password1 Passw0rd
summer12 summer123 summer2020 summer2021 summer2022 summer2023 summer2024 summer2025 winter12
winter123 winter2020 winter2021 winter2022 winter2023 winter2024 winter2025 spring2024 autumn2024
fall2024 spring123 autumn123 monday123 friday13 weekend1 holiday1 vacation vacation1
football2024 newpassword newpass1 newpass123 mypassword mypassword1 mypass123 yourpassword
thepassword nopassword password0 password01 password11 password99 password2020 password2021
password2022 password2023 password2024 password2025 passpass passpass1 pass1234 pass12345
pass123456 passcode passcode1 passw0rd1 password1@ password@123 password#1 pa$$word pa$$w0rd
letmeinnow openup12 opensesame accessgranted access123 access14 access2024 login123 login1234
logmein1 signin123 enter123 enterme1 unlock123 security security1 security123 secure123
private1 private123 personal confidential 12345qwert qwert12345 12345asdf asdfg12345 zxcvb12345
1qazxsw2 2wsx3edc 3edc4rfv 4rfv5tgb 5tgb6yhn 1qaz1qaz 2wsx2wsx qaz123wsx qwe12345 asd12345
zxc12345 qwe123qwe asd123asd 123qwe123 123asd123 123zxc123 qweqweqwe asdasdasd zxczxczxc
aaaaaaaa aaaaaaaaa qqqqqqqq zzzzzzzz xxxxxxxx 1234554321 1122334455 1212121212 1357924680
13579246 24681357 12qwaszx 12qw12qw 12qwas12 qwaszx12 qazwsx123 qazwsx12 zaqxswcde xswzaq12
0987654321 098765432 09876543 54321678 135792468 123456123 123456654321 123321123 321321321
111222333 112233445566 123123123123 121212121 131313131 123456qwerty qwerty123456789
employee1 company1 company123 business office123 office2024 finance1 account1 accounting
manager1 manager123 director ceo12345 support1 support123 helpdesk helpdesk1 service1
service123 customer customer1 client123 portal123 portal2024 website1 webmaster1
ordinavo ordinavo1 ordinavo123 ordinavo! ordinavo2024 ordinavo2025 workspace workspace1
`;

/** Base words whose usual variants ("monkey1", "Dragon2024!", "shadow123") are refused too. */
const baseWords = `
password passw0rd qwerty qwertz azerty letmein welcome monkey dragon master shadow sunshine
princess football baseball soccer hockey iloveyou trustno1 superman batman michael jordan
charlie ashley bailey freedom whatever computer internet starwars pokemon naruto minecraft
admin login access secret hello summer winter spring autumn ranger hunter killer tigger
cookie cheese banana orange purple flower angel angels jesus love loveme hottie buster
ginger pepper maggie daisy lucky tiger eagle falcon harley yamaha ferrari mustang corvette
thomas robert daniel matthew andrew joshua jessica amanda jennifer michelle nicole samantha
london paris berlin madrid rome chicago boston texas florida canada europe company office
changeme default guest test testing user demo portal ordinavo
`;

/** Digits, years and punctuation people append to a word to satisfy a password form. */
const years = Array.from({ length: 41 }, (_, index) => String(1990 + index));
const suffixes = [
  ...["", "1", "12", "123", "1234", "12345", "123456", "01", "11", "69", "99", "007"],
  ...["!", "1!", "12!", "123!", "@123", "#1", "."],
  ...years,
  ...years.map((year) => `${year}!`),
];

const words = (text: string) => text.split(/\s+/).filter((word) => word.length > 0);

function buildList(): Set<string> {
  const set = new Set<string>();
  for (const entry of words(listed)) set.add(entry.toLowerCase());
  for (const base of words(baseWords)) {
    for (const suffix of suffixes) set.add(`${base}${suffix}`.toLowerCase());
  }
  return set;
}

let cached: Set<string> | undefined;

/** Every listed password and derived variant (lower-cased); exported for inspection and tests. */
export function commonPasswords(): ReadonlySet<string> {
  cached ??= buildList();
  return cached;
}

/** Runs like "aaaaaaaa", "abababab", "12345678", "87654321", "abcdefgh". */
function isTrivialRun(value: string): boolean {
  if (/^(.{1,2})\1+$/.test(value)) return true;
  let ascending = true;
  let descending = true;
  for (let index = 1; index < value.length; index++) {
    const step = value.charCodeAt(index) - value.charCodeAt(index - 1);
    if (step !== 1) ascending = false;
    if (step !== -1) descending = false;
  }
  return ascending || descending;
}

/** True when a password is among the commonly used ones (case-insensitive). */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  return commonPasswords().has(lower) || isTrivialRun(lower);
}
